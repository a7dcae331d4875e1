package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;
import org.statefed.state.MutableClock;
import org.statefed.state.MwiCounts;
import org.statefed.state.MwiTable;
import org.statefed.wire.RefreshRequestElement;

class DigestsTest {
    private static final EntityId A = EntityId.parse("00:11:22:33:44:01");
    private static final EntityId B = EntityId.parse("00:11:22:33:44:02");
    private static final EntityId C = EntityId.parse("00:11:22:33:44:03");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

    @Test
    void aPeerThatHoldsEverythingOfASiteComputesThatSitesOwnDigest() {
        // Site B's own tables.
        DeviceStateTable bDevices = new DeviceStateTable(clock);
        MwiTable bMailboxes = new MwiTable(clock);
        bDevices.update("SIP/200", B, DeviceState.BUSY, true);
        bDevices.update("SIP/201", B, DeviceState.RINGING, false);
        bMailboxes.update("1000@default", B, new MwiCounts(2, 1));
        bDevices.update("SIP/100", A, DeviceState.INUSE, true);

        // Site C after its resync: B's entries, A's, and its own.
        DeviceStateTable cDevices = new DeviceStateTable(clock);
        MwiTable cMailboxes = new MwiTable(clock);
        cDevices.update("SIP/201", B, DeviceState.RINGING, false);
        cDevices.update("SIP/200", B, DeviceState.BUSY, true);
        cMailboxes.update("1000@default", B, new MwiCounts(2, 1));
        cDevices.update("SIP/100", A, DeviceState.INUSE, true);
        cDevices.update("SIP/300", C, DeviceState.NOT_INUSE, true);

        var haves = Digests.heldPerSite(cDevices, cMailboxes, C);
        assertThat(haves).extracting(RefreshRequestElement.Have::eid).containsExactly(A, B);
        RefreshRequestElement request = new RefreshRequestElement(C, "n", haves);

        assertThat(request.digestOf(B)).contains(Digests.perEntity(publishedBy(B, bDevices, bMailboxes), B).get(B));
        cDevices.update("SIP/200", B, DeviceState.NOT_INUSE, true);
        assertThat(new RefreshRequestElement(C, "n", Digests.heldPerSite(cDevices, cMailboxes, C)).digestOf(B))
                .isNotEqualTo(request.digestOf(B));
    }

    /** What site {@code own} publishes: its own entries in its tables. */
    private static LocalStates publishedBy(EntityId own, DeviceStateTable devices, MwiTable mailboxes) {
        List<LocalStates.Device> ownDevices = devices.statesOf(own).entrySet().stream()
                .map(e -> new LocalStates.Device(e.getKey(), own, e.getValue(),
                        devices.snapshot(e.getKey()).orElseThrow().entries().stream()
                                .filter(entry -> entry.eid().equals(own)).findFirst().orElseThrow().cachable()))
                .toList();
        List<LocalStates.Mailbox> ownMailboxes = mailboxes.countsOf(own).entrySet().stream()
                .map(e -> new LocalStates.Mailbox(e.getKey(), own, e.getValue())).toList();
        return new LocalStates() {
            @Override
            public List<Device> devices() {
                return ownDevices;
            }

            @Override
            public List<Mailbox> mailboxes() {
                return ownMailboxes;
            }
        };
    }
}
