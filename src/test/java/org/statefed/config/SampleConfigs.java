package org.statefed.config;

/** Configuration texts several test classes check against. */
public final class SampleConfigs {
    /** Five different mistakes: entity id, port range, boolean word, own JID as buddy, unknown key. */
    public static final String FIVE_MISTAKES = """
            [general]
            entityid = 00:11:22:33:44

            [asterisk]
            serverhost = xmpp.example.com
            port = 99999
            username = server1@example.com/site1
            secret = s3cret
            pubsub_node = pubsub.example.com
            distribute_events = maybe
            buddy = server1@example.com
            buddy = server2@example.com
            prot = 5222
            """;

    private SampleConfigs() {
    }
}
