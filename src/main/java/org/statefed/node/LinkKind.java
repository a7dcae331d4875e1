package org.statefed.node;

/** The kinds of link a node has, with the {@code type=} of their config section and their reach. */
public enum LinkKind {
    XMPP("client", Reach.WAN),
    COROSYNC("corosync", Reach.LAN),
    SIP_PUBLICATION("sip_publication", Reach.LAN);

    private final String configType;
    private final Reach reach;

    LinkKind(String configType, Reach reach) {
        this.configType = configType;
        this.reach = reach;
    }

    /** The {@code type=} value of the config section, e.g. {@code corosync}. */
    public String configType() {
        return configType;
    }

    public Reach reach() {
        return reach;
    }
}
