package org.statefed.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.statefed.config.AuthPolicy;
import org.statefed.config.GeneralConfig;
import org.statefed.config.PubsubLayout;
import org.statefed.config.StatefedConfig;
import org.statefed.node.DeviceStateUpdate;
import org.statefed.node.Link;
import org.statefed.node.LinkContext;
import org.statefed.node.LinkKind;
import org.statefed.node.LinkStatus;
import org.statefed.node.MailboxUpdate;
import org.statefed.node.StatefedNode;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;

/** The web view of a running node: what the HTTP API and the metrics are given. */
class NodeWebViewTest {
    private static final EntityId OWN = EntityId.parse("00:11:22:33:44:01");

    private final StatefedNode node = new StatefedNode(config(), Clock.systemUTC(), Optional.empty(),
            List.of(new QuietLink("lan", LinkKind.COROSYNC), new QuietLink("phones", LinkKind.SIP_PUBLICATION)));
    private final NodeWebView view = new NodeWebView(node, Clock.systemUTC());

    private static StatefedConfig config() {
        GeneralConfig general = new GeneralConfig(false, false, true, false, true, AuthPolicy.ACCEPT, OWN, false,
                Path.of("/nonexistent/statefed-test.sock"), PubsubLayout.PER_SITE, Duration.ofSeconds(30),
                Path.of("/nonexistent/s.db"));
        return new StatefedConfig(Path.of("test.conf"), general, List.of(), Map.of(), List.of());
    }

    @AfterEach
    void stop() {
        node.stop(Duration.ofSeconds(2));
    }

    @Test
    void everyLinkOfTheNodeIsShownNotOnlyItsXmppAccounts() {
        node.start();

        assertThat(view.links()).extracting(LinkStatus::name, LinkStatus::kind)
                .containsExactly(Tuple.tuple("lan", LinkKind.COROSYNC),
                        Tuple.tuple("phones", LinkKind.SIP_PUBLICATION));
    }

    @Test
    void aChangeThroughTheViewLandsInTheNodesTablesUnderItsOwnEntityId() {
        node.start();

        view.changeDeviceState("SIP/100", DeviceState.BUSY);
        view.updateMailbox("100@default", new MwiCounts(3, 1));

        assertThat(view.devices().state("SIP/100", OWN)).contains(DeviceState.BUSY);
        assertThat(view.entityId()).isEqualTo(OWN);
        assertThat(view.mailboxes().counts("100@default", OWN)).contains(new MwiCounts(3, 1));
    }

    /** A LAN link with no peers: it learns nothing and drops what it is sent. */
    private record QuietLink(String name, LinkKind kind) implements Link {
        @Override
        public void start(LinkContext context) {
        }

        @Override
        public void sendDeviceState(DeviceStateUpdate update) {
        }

        @Override
        public void sendMailbox(MailboxUpdate update) {
        }

        @Override
        public void stop(Duration timeout) {
        }

        @Override
        public LinkStatus status() {
            return new LinkStatus(name, kind, "Joined", true, 0, List.of());
        }
    }
}
