package org.statefed.demo.lan;

import java.util.List;

import org.statefed.state.EntityId;

/** A simulated Asterisk server on the demo's LAN: it sends res_corosync bytes and keeps what it received. */
public interface LanMember {

    /** How the demo names it, e.g. {@code pbx-a1}. */
    String name();

    /** The entity id it speaks for. */
    EntityId eid();

    /** Multicasts one res_corosync event to the group. */
    void send(byte[] event);

    /** Every message delivered to it so far, in order (its own included, as CPG delivers them). */
    List<Delivery> received();

    /** Leaves the group for good (the process exits, as an Asterisk that stops). */
    void leave();

    /**
     * One CPG delivery.
     *
     * @param pid the sender's process id
     * @param bytes the message
     */
    record Delivery(long pid, byte[] bytes) {
        public Delivery {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }
}
