package org.statefed.wire;

import org.jivesoftware.smack.packet.ExtensionElement;

/**
 * A payload of an Asterisk PubSub item, in namespace {@value #NAMESPACE}: a device state, a
 * mailbox (MWI) count, or what a provider made of input it had to reject.
 */
public sealed interface AsteriskPayload extends ExtensionElement
        permits DeviceStateElement, MailboxElement, RejectedPayload {

    /** The namespace res_xmpp puts on its payloads. */
    String NAMESPACE = "http://asterisk.org";

    @Override
    default String getNamespace() {
        return NAMESPACE;
    }
}
