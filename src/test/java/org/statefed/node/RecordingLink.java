package org.statefed.node;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A link that records what the router sends it, one readable line per send. */
final class RecordingLink implements Link {
    private final String name;
    private final LinkKind kind;
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private volatile LinkContext context;

    RecordingLink(String name, LinkKind kind) {
        this.name = name;
        this.kind = kind;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public LinkKind kind() {
        return kind;
    }

    @Override
    public void start(LinkContext context) {
        this.context = context;
    }

    LinkContext context() {
        return context;
    }

    @Override
    public void sendDeviceState(DeviceStateUpdate update) {
        sent.add(update.device() + " " + update.eid() + " " + update.state());
    }

    @Override
    public void sendMailbox(MailboxUpdate update) {
        sent.add(update.mailbox() + " " + update.eid() + " " + update.counts().newMessages() + "/"
                + update.counts().oldMessages());
    }

    @Override
    public void stop(Duration timeout) {
    }

    @Override
    public LinkStatus status() {
        return new LinkStatus(name, kind, "Joined", context != null, 0, List.of());
    }

    List<String> sent() {
        return List.copyOf(sent);
    }

    void clear() {
        sent.clear();
    }
}
