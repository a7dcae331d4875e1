package org.statefed.xmpp;

import java.util.concurrent.CompletionStage;

import org.jivesoftware.smack.packet.ExtensionElement;

/**
 * Sends one PubSub publish without waiting for the answer. The stage completes when the server
 * answered (normally on a Smack thread) and fails with the reason otherwise.
 */
interface ItemSender {
    CompletionStage<Void> publish(PublishKey key, ExtensionElement payload);
}
