package org.statefed.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statefed.admin.CommandRegistry;
import org.statefed.app.NodeAdminView;
import org.statefed.config.ConfigException;
import org.statefed.config.ConfigReader;
import org.statefed.config.StatefedConfig;
import org.statefed.it.Await;
import org.statefed.node.Link;
import org.statefed.node.StatefedNode;
import org.statefed.sip.jain.SipEndpoints;
import org.statefed.state.DeviceState;
import org.statefed.state.MwiCounts;

/**
 * Two statefed nodes whose only link is SIP publication, each configured from a jabber.conf as an
 * operator writes it: local changes cross, each side holds the other's under the other's entity id.
 */
class SipNodesIT {
    private static final Duration CONVERGE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private StatefedNode node(String eid, int bind, String resource, String peerResource, int peerPort)
            throws IOException, ConfigException {
        Path file = Files.writeString(dir.resolve(resource + ".conf"), """
                [general]
                entityid = %s
                admin_socket = %s
                state_file = %s

                [peer]
                type = sip_publication
                bind = 127.0.0.1:%d
                server_uri = sip:%s@127.0.0.1:%d
                inbound_resource = %s
                match = 127.0.0.1:%d
                expiration = 60
                outbound_username = %s
                outbound_password = pw-%s
                inbound_username = %s
                inbound_password = pw-%s
                """.formatted(eid, dir.resolve(resource + ".sock"), dir.resolve(resource + ".db"), bind, peerResource,
                peerPort, resource, peerPort, peerResource, peerResource, resource, resource));
        StatefedConfig config = new ConfigReader().read(file);
        SipEndpoints endpoints = new SipEndpoints();
        List<Link> links = config.sipPublications().stream()
                .map(c -> (Link) SipPublicationLink.create(c, endpoints)).toList();
        return new StatefedNode(config, Clock.systemUTC(), Optional.empty(), links);
    }

    @Test
    void twoNodesLinkedOnlyOverSipShareStatesAndMwiUnderTheirOwnEids() throws Exception {
        int leftPort = UdpSipPeer.freeUdpAndTcpPort();
        int rightPort = UdpSipPeer.freeUdpAndTcpPort();
        StatefedNode left = node("00:11:22:33:44:01", leftPort, "left", "right", rightPort);
        StatefedNode right = node("00:11:22:33:44:02", rightPort, "right", "left", leftPort);
        try {
            left.changeDeviceState("Custom:desk", DeviceState.INUSE);
            left.start();
            right.start();
            Await.until(CONVERGE, () -> left.ready() && right.ready(),
                    () -> left.linkStatuses() + " / " + right.linkStatuses());

            // left's state from before the link came up arrives through right's startup refresh.
            Await.until(CONVERGE, () -> right.devices().state("Custom:desk", left.entityId()).orElse(null)
                    == DeviceState.INUSE, () -> "right has " + right.devices().snapshot("Custom:desk"));
            right.changeDeviceState("Custom:desk", DeviceState.RINGING);
            right.updateMailbox("1000@default", 2, 7);

            Await.until(CONVERGE, () -> left.aggregates().get("Custom:desk") == DeviceState.RINGINUSE
                    && left.mailboxes().effective("1000@default").equals(Optional.of(new MwiCounts(2, 7))),
                    () -> "left has " + left.aggregates() + " " + left.mailboxes().effective("1000@default"));
            assertThat(left.devices().origin("Custom:desk", right.entityId()).map(Object::toString)).contains("peer");
            String listing = CommandRegistry.standard(new NodeAdminView(left, Clock.systemUTC()))
                    .execute("sip show publications").output();
            assertThat(listing).startsWith("[peer] Listening on 127.0.0.1:" + leftPort + ", ready, peer publishing\n")
                    .contains("outbound asterisk-devicestate", "outbound asterisk-mwi", "inbound asterisk-devicestate",
                            "peer entity ids [00:11:22:33:44:02]");
        } finally {
            left.stop(Duration.ofSeconds(10));
            right.stop(Duration.ofSeconds(10));
        }
    }
}
