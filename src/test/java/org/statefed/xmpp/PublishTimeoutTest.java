package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jivesoftware.smack.SmackFuture;
import org.jivesoftware.smack.XMPPConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.jxmpp.jid.impl.JidCreate;
import org.statefed.config.AuthPolicy;
import org.statefed.config.ClientConfig;
import org.statefed.config.ClientType;
import org.statefed.config.GeneralConfig;
import org.statefed.config.PresenceStatus;
import org.statefed.config.PubsubLayout;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.wire.DeviceStateElement;

/** A publish under load is late, not lost: it waits as long as the heartbeats take to find the link dead. */
class PublishTimeoutTest {
    private static final EntityId OWN = EntityId.parse("00:11:22:33:44:01");

    private static ClientConfig client(int timeoutSeconds) throws Exception {
        return new ClientConfig("asterisk", ClientType.CLIENT, "xmpp.example.com", 5222, "pubsub.example.com",
                JidCreate.entityBareFrom("site1@example.com"), Optional.empty(), "pw", 1, true,
                PresenceStatus.AVAILABLE, "", false, true, false, true, Duration.ofSeconds(timeoutSeconds), "default",
                false, List.of(), Optional.empty());
    }

    private static GeneralConfig general(int heartbeatSeconds) {
        return new GeneralConfig(false, false, false, false, true, AuthPolicy.ACCEPT, OWN, false,
                Path.of("/nonexistent.sock"), PubsubLayout.PER_SITE, Duration.ofSeconds(30),
                Path.of("/nonexistent.state")).withHeartbeatInterval(Duration.ofSeconds(heartbeatSeconds));
    }

    @ParameterizedTest(name = "timeout {0} s, heartbeat {1} s: publishes wait {2} s")
    @CsvSource({
        "5,  5, 20",  // the defaults: detection is 4 intervals
        "5,  0, 5",   // no heartbeats: the reply timeout
        "30, 5, 30",  // a longer reply timeout is kept
        "5,  1, 5",   // a detection shorter than the reply timeout does not shorten it
    })
    void publishesWaitNoShorterThanTheHeartbeatsTakeToFindTheLinkDead(int timeout, int heartbeat, int expected)
            throws Exception {
        assertThat(SiteConnection.publishTimeout(client(timeout), general(heartbeat)))
                .isEqualTo(Duration.ofSeconds(expected));
    }

    @Test
    void aPublishIsSentWithItsOwnTimeout() throws Exception {
        List<Object> timeouts = new ArrayList<>();
        XMPPConnection connection = (XMPPConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {XMPPConnection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendIqRequestAsync")) {
                        timeouts.add(args.length > 1 ? args[1] : "reply timeout");
                        return SmackFuture.from(null);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        PubSubClient pubsub = new PubSubClient(connection, JidCreate.domainBareFrom("pubsub.example.com"),
                Duration.ofSeconds(20));

        pubsub.publish(new PublishKey("device_state", "SIP/100"), new DeviceStateElement(DeviceState.INUSE, OWN, true));
        pubsub.at(JidCreate.domainBareFrom("pubsub.other.example")).publish(new PublishKey("device_state", "SIP/100"),
                new DeviceStateElement(DeviceState.INUSE, OWN, true));

        assertThat(timeouts).containsExactly(20_000L, 20_000L);
    }
}
