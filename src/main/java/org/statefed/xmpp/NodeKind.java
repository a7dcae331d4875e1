package org.statefed.xmpp;

/** What a PubSub node carries. */
enum NodeKind {
    DEVICE_STATE, MAILBOX
}
