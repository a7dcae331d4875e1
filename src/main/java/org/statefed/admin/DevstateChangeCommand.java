package org.statefed.admin;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.statefed.state.DeviceState;

/**
 * {@code devstate change DEVICE STATE}: a change of one of this site's devices, published to the
 * cluster like one from the PBX. Unlike Asterisk's, any device name is accepted, not only
 * {@code Custom:} ones, because statefed has no PBX of its own to ask.
 */
final class DevstateChangeCommand implements AdminCommand {
    static final String STATES = Arrays.stream(DeviceState.values()).map(DeviceState::token)
            .collect(Collectors.joining(" | "));

    private final AdminNode node;

    DevstateChangeCommand(AdminNode node) {
        this.node = node;
    }

    @Override
    public List<String> words() {
        return List.of("devstate", "change");
    }

    @Override
    public boolean changesState() {
        return true;
    }

    @Override
    public String arguments() {
        return "DEVICE STATE";
    }

    @Override
    public String summary() {
        return "Change a device state (shared with the cluster)";
    }

    @Override
    public String description() {
        return "Changes this site's state of a device and publishes it to the cluster.\n"
                + "The possible values for the state are:\n"
                + STATES + "\n"
                + "\n"
                + "Examples:\n"
                + "  devstate change Custom:mystate1 INUSE\n"
                + "  devstate change SIP/100 RINGING\n";
    }

    @Override
    public void run(List<String> args, CommandOutput out) throws UsageException {
        if (args.size() != 2) {
            throw new UsageException();
        }
        DeviceChange change;
        try {
            change = DeviceChange.parse(args.get(0), args.get(1));
        } catch (InvalidChangeException e) {
            throw new UsageException(e.getMessage());
        }
        out.printf("Changing %s to %s", change.device(), change.state().token());
        node.changeDeviceState(change.device(), change.state());
    }
}
