package org.statefed.admin;

import java.util.List;

import org.statefed.node.LinkKind;
import org.statefed.node.LinkStatus;

/**
 * {@code sip show publications} (also {@code pjsip show publications}): each SIP publication link with its
 * state, whether the peer is publishing, its outbound publications (Call-ID, ETag, expiry, queue, last
 * error), the peer's live inbound publications and the link's counters, as the link reports them.
 */
final class SipShowPublicationsCommand implements AdminCommand {
    private final AdminNode node;

    SipShowPublicationsCommand(AdminNode node) {
        this.node = node;
    }

    @Override
    public List<String> words() {
        return List.of("sip", "show", "publications");
    }

    @Override
    public List<List<String>> aliases() {
        return List.of(List.of("pjsip", "show", "publications"));
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String summary() {
        return "Show SIP publication peers";
    }

    @Override
    public String description() {
        return "Shows each type = sip_publication section: its state, whether its Asterisk peer is\n"
                + "publishing, the publications both ways (ETags, expiry, queued states, last error)\n"
                + "and its counters.\n";
    }

    @Override
    public void run(List<String> args, CommandOutput out) throws UsageException {
        NoArguments.require(args);
        List<LinkStatus> sip = node.linkStatuses().stream().filter(s -> s.kind() == LinkKind.SIP_PUBLICATION).toList();
        if (sip.isEmpty()) {
            out.println("No SIP publication peers configured (type = sip_publication)");
            return;
        }
        for (LinkStatus status : sip) {
            out.println("[" + status.name() + "] " + status.state() + (status.ready() ? ", ready" : ", not ready")
                    + ", peer " + (status.peers() > 0 ? "publishing" : "not publishing"));
            status.detail().forEach(line -> out.println("  " + line));
        }
    }
}
