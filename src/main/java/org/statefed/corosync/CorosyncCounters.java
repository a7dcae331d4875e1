package org.statefed.corosync;

import java.util.concurrent.atomic.AtomicLong;

/** What a Corosync link has done since it started, for its status line and for tests. */
public final class CorosyncCounters {
    final AtomicLong received = new AtomicLong();
    final AtomicLong learned = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong ownEcho = new AtomicLong();
    final AtomicLong ownEid = new AtomicLong();
    final AtomicLong notSubscribed = new AtomicLong();
    final AtomicLong ignored = new AtomicLong();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong sendFailures = new AtomicLong();
    final AtomicLong unsendable = new AtomicLong();
    final AtomicLong droppedWhileDown = new AtomicLong();
    final AtomicLong dumps = new AtomicLong();
    final AtomicLong joins = new AtomicLong();

    /** Messages CPG delivered from other members. */
    public long received() {
        return received.get();
    }

    /** Device states and MWI handed to the tables. */
    public long learned() {
        return learned.get();
    }

    /** Messages dropped because they are not a well-formed res_corosync event. */
    public long rejected() {
        return rejected.get();
    }

    /** Our own messages, which CPG delivers back to the sender too. */
    public long ownEcho() {
        return ownEcho.get();
    }

    /** Messages from another member carrying this node's own entity id. */
    public long ownEid() {
        return ownEid.get();
    }

    /** Device states or MWI dropped because the link does not subscribe to them. */
    public long notSubscribed() {
        return notSubscribed.get();
    }

    /** Well-formed events res_corosync does not act on either (the aggregate device state). */
    public long ignored() {
        return ignored.get();
    }

    /** Messages multicast to the group. */
    public long sent() {
        return sent.get();
    }

    /** Sends corosync refused (they are covered by the dump at the next join). */
    public long sendFailures() {
        return sendFailures.get();
    }

    /** States the wire cannot carry (a mailbox without {@code @context}, a name too long). */
    public long unsendable() {
        return unsendable.get();
    }

    /** Sends dropped while not joined (the dump at the next join sends what is current). */
    public long droppedWhileDown() {
        return droppedWhileDown.get();
    }

    /** Cache dumps sent, one per membership change with a joined member. */
    public long dumps() {
        return dumps.get();
    }

    /** Successful joins of the group (the first and every rejoin). */
    public long joins() {
        return joins.get();
    }

    @Override
    public String toString() {
        return "received " + received + ", learned " + learned + ", rejected " + rejected + ", own echo " + ownEcho
                + ", own eid " + ownEid + ", not subscribed " + notSubscribed + ", ignored " + ignored + ", sent "
                + sent + ", send failures " + sendFailures + ", unsendable " + unsendable + ", dropped while down "
                + droppedWhileDown + ", dumps " + dumps + ", joins " + joins;
    }
}
