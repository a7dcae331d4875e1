package org.statefed.it.bridge;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.statefed.node.DeviceStateUpdate;
import org.statefed.node.MailboxUpdate;

/**
 * An in-process LAN standing in for a Corosync CPG group: members join and leave, every message a member
 * sends reaches every other member, in one total order (one delivery thread, as CPG's agreed ordering), and
 * a member that joins is sent everyone's states (the cache dump on join of res_corosync).
 */
final class LanBus implements AutoCloseable {

    /** Something on the LAN: a fake Asterisk server or a bridge's LAN link. */
    interface Member {
        /** A message from another member, on the bus's delivery thread. */
        void receive(Member from, Object message);

        /** {@code newcomer} joined: send it what you hold (on the delivery thread). */
        void joined(Member newcomer);

        /** {@code member} left the LAN. */
        void left(Member member);
    }

    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lan-bus");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong messages = new AtomicLong();

    void join(Member member) {
        delivery.execute(() -> {
            members.add(member);
            for (Member other : members) {
                if (other != member) {
                    other.joined(member);
                }
            }
        });
    }

    void leave(Member member) {
        delivery.execute(() -> {
            if (members.remove(member)) {
                members.forEach(other -> other.left(member));
            }
        });
    }

    /** To every other member; never blocks the sender. */
    void broadcast(Member from, Object message) {
        check(message);
        messages.incrementAndGet();
        delivery.execute(() -> {
            for (Member member : members) {
                if (member != from) {
                    member.receive(from, message);
                }
            }
        });
    }

    /** To one member (a dump to a newcomer). */
    void send(Member from, Member to, Object message) {
        check(message);
        messages.incrementAndGet();
        delivery.execute(() -> {
            if (members.contains(to)) {
                to.receive(from, message);
            }
        });
    }

    /** Every message sent on this LAN so far, broadcast or not. */
    long messages() {
        return messages.get();
    }

    private static void check(Object message) {
        if (!(message instanceof DeviceStateUpdate) && !(message instanceof MailboxUpdate)) {
            throw new IllegalArgumentException("not a LAN message: " + message);
        }
    }

    @Override
    public void close() throws InterruptedException {
        delivery.shutdownNow();
        delivery.awaitTermination(5, TimeUnit.SECONDS);
    }
}
