package org.statefed.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.statefed.state.DeviceState;
import org.statefed.state.MwiCounts;
import org.statefed.wire.RejectReason;
import org.statefed.xmpp.BuddyResource;
import org.statefed.xmpp.BuddyStatus;
import org.statefed.xmpp.Counters;
import org.statefed.xmpp.LinkState;
import org.statefed.xmpp.NodeSubscription;
import org.statefed.xmpp.RemoteSite;

/** Every command's output, character for character, against tables without XMPP. */
class CommandOutputTest {
    private final FakeNode node = new FakeNode(hints());
    private final CommandRegistry registry = CommandRegistry.standard(node);

    private static Map<String, String> hints() {
        Map<String, String> hints = new LinkedHashMap<>();
        hints.put("1234@devstate_test", "Custom:mystate");
        return hints;
    }

    private String run(String line) {
        CommandResult result = registry.execute(line);
        assertThat(result.status()).as("%s\n%s", line, result.output()).isEqualTo(CommandStatus.SUCCESS);
        return result.output();
    }

    @Test
    void coreShowHintsHasAsterisksFormat() {
        node.devices().update("Custom:mystate", FakeNode.OTHER, DeviceState.INUSE, true);

        assertThat(run("core show hints")).isEqualTo("\n"
                + "    -= Registered Asterisk Dial Plan Hints =-\n"
                + "1234@devstate_test            : Custom:mystate                                     "
                + "           State:InUse           Presence:not_set         Watchers  0\n"
                + "----------------\n"
                + "- 1 hints registered\n");
    }

    @Test
    void coreShowHintsCutsLongColumnsAsAsteriskDoes() {
        FakeNode wide = new FakeNode(Map.of("1234567890123456789012345678901234@ctx", "Custom:" + "x".repeat(70)));

        String row = CommandRegistry.standard(wide).execute("core show hints").output().lines().toList().get(2);

        assertThat(row).startsWith("123456789012345678901234567890: Custom:" + "x".repeat(53) + "  State:Idle ");
    }

    @Test
    void coreShowHintsWithoutHintsSaysSo() {
        assertThat(CommandRegistry.standard(new FakeNode()).execute("core show hints").output())
                .isEqualTo("There are no registered dialplan hints\n");
    }

    @Test
    void jabberShowConnectedAndItsAliasShowEachAccountsState() {
        node.addSite("asterisk", "server1@localhost/astvoip1");
        node.addSite("backup", "server1@backup").linkState = LinkState.RETRIEVING_ROSTER;
        String expected = """
                Jabber Users and their status:
                       [asterisk] server1@localhost/astvoip1     - Connected
                       [backup] server1@backup     - Retrieving roster
                ----
                   Number of clients: 2
                """;

        assertThat(run("jabber show connected")).isEqualTo(expected);
        assertThat(run("xmpp show connections")).isEqualTo(expected);
    }

    @Test
    void jabberShowSubscriptionsGivesEachNodesStateAndTheServersConditionAndWarnsWhenNothingIsReceived()
            throws Exception {
        FakeSite site = node.addSite("asterisk", "server2@localhost/astvoip2");
        var owner = java.util.Optional.of(JidCreate.entityBareFrom("server1@localhost"));
        site.subscriptions = List.of(
                new NodeSubscription("device_state/server1@localhost", owner, NodeSubscription.State.REFUSED,
                        "not-allowed (closed-node)"),
                new NodeSubscription("message_waiting/server1@localhost", owner, NodeSubscription.State.NOT_THERE_YET,
                        "item-not-found"));
        FakeSite healthy = node.addSite("other", "server3@localhost");
        healthy.subscriptions = List.of(new NodeSubscription("device_state", java.util.Optional.empty(),
                NodeSubscription.State.SUBSCRIBED, ""));

        assertThat(run("xmpp show subscriptions")).isEqualTo(run("jabber show subscriptions")).isEqualTo(
                "XMPP PubSub subscriptions\n"
                + "Client: asterisk\n"
                + "\tNode:\tdevice_state/server1@localhost (of server1@localhost)\n"
                + "\t\trefused: not-allowed (closed-node)\n"
                + "\tNode:\tmessage_waiting/server1@localhost (of server1@localhost)\n"
                + "\t\tnode not there yet: item-not-found\n"
                + "\tWARNING: this account receives from no node\n"
                + "Client: other\n"
                + "\tNode:\tdevice_state\n"
                + "\t\tsubscribed\n");
    }

    @Test
    void jabberShowBuddiesListsResourcesWithTheirCaps() throws Exception {
        FakeSite site = node.addSite("asterisk", "server2@localhost/astvoip2");
        site.buddies = List.of(
                new BuddyStatus(JidCreate.entityBareFrom("server1@localhost"), List.of(new BuddyResource("astvoip1", 1,
                        "http://www.asterisk.org/xmpp/client/caps", "asterisk-xmpp"))),
                new BuddyStatus(JidCreate.entityBareFrom("server3@localhost"), List.of()));

        assertThat(run("xmpp show buddies")).isEqualTo(run("jabber show buddies")).isEqualTo("XMPP buddy lists\n"
                + "Client: asterisk\n"
                + "\tBuddy:\tserver1@localhost\n"
                + "\t\tResource: astvoip1\n"
                + "\t\t\tnode: http://www.asterisk.org/xmpp/client/caps\n"
                + "\t\t\tversion: asterisk-xmpp\n"
                + "\tBuddy:\tserver3@localhost\n");
    }

    @Test
    void devstateListShowsTheAggregateAndEachSitesReportWithItsAgeAndTheLinkItCameBy() {
        node.devices().update("Custom:mystate", FakeNode.OTHER, DeviceState.RINGING, false,
                new org.statefed.state.Origin("corosync"));
        node.clock.advance(Duration.ofSeconds(185));
        node.changeDeviceState("Custom:mystate", DeviceState.INUSE);
        node.clock.advance(Duration.ofSeconds(12));

        assertThat(run("devstate list")).isEqualTo("""

                ---------------------------------------------------------------------
                --- Device States ---------------------------------------------------
                ---------------------------------------------------------------------
                ---
                --- Name: 'Custom:mystate'  State: 'RINGINUSE'
                ---     from 00:11:22:33:44:01 (this site): 'INUSE', 12s ago, via local
                ---     from 00:11:22:33:44:02: 'RINGING' (not cachable), 3m17s ago, via corosync
                ---
                ---------------------------------------------------------------------
                ---------------------------------------------------------------------

                """);
    }

    @Test
    void devstateListNamesEachKnownSiteAndSaysWhetherItsStatesAreCurrentKeptOrDropped() throws Exception {
        FakeSite site = node.addSite("asterisk", "server1@localhost/astvoip1");
        site.remoteSites = List.of(
                new RemoteSite(JidCreate.entityBareFrom("server2@localhost"), Optional.of(FakeNode.OTHER),
                        RemoteSite.Liveness.AWAY),
                new RemoteSite(JidCreate.entityBareFrom("server3@localhost"), Optional.empty(),
                        RemoteSite.Liveness.UNKNOWN_EID));
        node.devices().update("SIP/100", FakeNode.OTHER, DeviceState.BUSY, true, new org.statefed.state.Origin("asterisk"));

        assertThat(run("devstate list")).isEqualTo("""

                ---------------------------------------------------------------------
                --- Device States ---------------------------------------------------
                ---------------------------------------------------------------------
                ---
                --- Name: 'SIP/100'  State: 'BUSY'
                ---     from 00:11:22:33:44:02 (server2@localhost): 'BUSY', 0s ago, via asterisk
                ---
                ---------------------------------------------------------------------
                --- Sites -----------------------------------------------------------
                --- [asterisk] server2@localhost  00:11:22:33:44:02  offline, states kept until stale_timeout
                --- [asterisk] server3@localhost  (entity id unknown)  offline, entity id unknown: states kept
                ---------------------------------------------------------------------

                """);
    }

    @Test
    void devstateChangeIsALocalChangeOfThisSite() {
        assertThat(run("devstate change Custom:mystate busy")).isEqualTo("Changing Custom:mystate to BUSY\n");

        assertThat(node.devices().state("Custom:mystate", FakeNode.OWN)).contains(DeviceState.BUSY);
        assertThat(run("core show hints")).contains("State:Busy ");
    }

    @Test
    void devstateChangeKeepsQuotedSpacesAndTheCaseOfTheDevice() {
        run("DEVSTATE Change \"Custom:Front Door\" ONHOLD");

        assertThat(node.devices().state("Custom:Front Door", FakeNode.OWN)).contains(DeviceState.ONHOLD);
    }

    @Test
    void entriesReadBackFromTheStateFileAreMarkedRestoredUntilConfirmed() {
        java.time.Instant before = node.clock.instant().minus(Duration.ofHours(2));
        node.devices().restore("Custom:lobby", FakeNode.OTHER, DeviceState.BUSY, true, before);
        node.devices().restore("Custom:desk", FakeNode.OTHER, DeviceState.INUSE, true, before);
        node.mailboxes().restore("1234@default", FakeNode.OTHER, new MwiCounts(1, 0), before);
        node.devices().update("Custom:desk", FakeNode.OTHER, DeviceState.INUSE, true);

        assertThat(run("devstate list")).contains("""
                --- Name: 'Custom:desk'  State: 'INUSE'
                ---     from 00:11:22:33:44:02: 'INUSE', 0s ago, via local
                ---
                --- Name: 'Custom:lobby'  State: 'BUSY'
                ---     from 00:11:22:33:44:02: 'BUSY', 2h00m ago (restored)
                """);
        assertThat(run("mwi list")).endsWith("     1      0   from 00:11:22:33:44:02, 2h00m ago (restored)\n");
    }

    @Test
    void mwiUpdateAndListShowEffectiveCountsAndEachSite() {
        node.mailboxes().update("1234@default", FakeNode.OTHER, new MwiCounts(1, 0));
        node.clock.advance(Duration.ofMinutes(61));

        assertThat(run("mwi update 1234@default 2 5")).isEqualTo("Updated mailbox 1234@default.\n");
        node.clock.advance(Duration.ofSeconds(3));

        assertThat(run("mwi list")).isEqualTo("""
                   New    Old Mailbox
                     2      5 1234@default
                     2      5   from 00:11:22:33:44:01 (this site), 3s ago
                     1      0   from 00:11:22:33:44:02, 1h01m ago
                """);
    }

    /** Issue 10: a ten-digit count used to push its row out of Asterisk's six-wide columns. */
    @Test
    void mwiListWidensItsColumnsForLongCountsSoThatTheyStayAligned() {
        node.mailboxes().update("1@default", FakeNode.OTHER, new MwiCounts(2_147_483_647, 3));
        node.mailboxes().update("2@default", FakeNode.OTHER, new MwiCounts(1, 1_000_000_000));

        assertThat(run("mwi list")).isEqualTo("""
                       New        Old Mailbox
                2147483647          3 1@default
                2147483647          3   from 00:11:22:33:44:02, 0s ago
                         1 1000000000 2@default
                         1 1000000000   from 00:11:22:33:44:02, 0s ago
                """);
    }

    /** Issue 10 #8: Asterisk's {@code mwi list like} shape, a regular expression found anywhere in the name. */
    @Test
    void mwiListLikeShowsOnlyMatchingMailboxes() {
        for (String mailbox : List.of("100@sales", "200@sales", "100@support")) {
            node.mailboxes().update(mailbox, FakeNode.OTHER, new MwiCounts(1, 0));
        }

        assertThat(run("mwi list like @sales$")).isEqualTo("""
                   New    Old Mailbox
                     1      0 100@sales
                     1      0   from 00:11:22:33:44:02, 0s ago
                     1      0 200@sales
                     1      0   from 00:11:22:33:44:02, 0s ago
                """);
        assertThat(run("mwi list all")).isEqualTo(run("mwi list"));
    }

    @Test
    void devstateListLikeShowsOnlyMatchingDevices() {
        for (String device : List.of("SIP/100", "SIP/200", "Custom:SIP/100")) {
            node.devices().update(device, FakeNode.OTHER, DeviceState.BUSY, true);
        }

        String listed = run("devstate list like ^SIP/1");

        assertThat(listed).contains("--- Name: 'SIP/100'  State: 'BUSY'")
                .doesNotContain("SIP/200").doesNotContain("Custom:SIP/100");
        assertThat(run("devstate list like \"Custom:\"")).contains("Custom:SIP/100").doesNotContain("'SIP/200'");
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> badFilters() {
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("devstate list like", "'like' needs a PATTERN."),
                org.junit.jupiter.params.provider.Arguments.of("devstate list all", "Unexpected argument 'all'."),
                org.junit.jupiter.params.provider.Arguments.of("mwi list like a b",
                        "Unexpected argument 'b' (quote a PATTERN that has spaces)."),
                org.junit.jupiter.params.provider.Arguments.of("mwi list like (",
                        "Invalid PATTERN '(': Unclosed group."),
                org.junit.jupiter.params.provider.Arguments.of("mwi list unlike x", "Unexpected argument 'unlike'."));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("badFilters")
    void aWrongFilterPrintsWhyAndTheUsage(String line, String firstLine) {
        CommandResult result = registry.execute(line);

        assertThat(result.status()).isEqualTo(CommandStatus.USAGE);
        assertThat(result.output()).startsWith(firstLine + "\nUsage: ");
    }

    @Test
    void mwiListWithoutMailboxesShowsTheHeader() {
        assertThat(run("mwi list")).isEqualTo("   New    Old Mailbox\n");
    }

    @Test
    void coreShowSettingsShowsEntityIdLayoutVersionAccountsAndLinks() {
        node.linkStatuses.add(new org.statefed.node.LinkStatus("asterisk", org.statefed.node.LinkKind.XMPP, "Connected",
                true, 1, List.of()));
        node.linkStatuses.add(new org.statefed.node.LinkStatus("corosync", org.statefed.node.LinkKind.COROSYNC,
                "Retrying in 4 s", false, 0, List.of()));
        assertThat(run("core show settings")).isEqualTo("""

                statefed settings
                -----------------
                  Version:                     1.2.3
                  Entity ID:                   00:11:22:33:44:01
                  PubSub layout:               per-site
                  Configuration file:          /etc/asterisk/jabber.conf
                  Admin socket:                /run/statefed/statefed.sock
                  State file:                  /var/lib/statefed/state.db
                  Stale timeout:               30 s
                  Auto register buddies:       Yes
                  Auto prune roster:           No
                  Auth policy:                 accept
                  Collection nodes:            No
                  Hints:                       1

                * Accounts
                  [asterisk]                   server1@localhost/astvoip1
                    Server:                    xmpp.example.com:5222 (TLS)
                    PubSub service:            pubsub.localhost
                    Buddies:                   server2@localhost

                * Links
                  [asterisk]                   client (wan), Connected, ready, 1 peer
                  [corosync]                   corosync (lan), Retrying in 4 s, 0 peers
                """);
    }

    @Test
    void coreShowStatsShowsEveryCounterAndOnlyTheRejectionsThatOccurred() {
        node.counters().increment(Counters.Counter.ITEMS_APPLIED);
        node.counters().increment(Counters.Counter.ITEMS_APPLIED);
        node.counters().rejected(RejectReason.UNKNOWN_STATE);

        String out = run("core show stats");

        assertThat(out).startsWith("Counters since start:\n"
                + "  items-applied                   2  items applied to the state tables\n"
                + "  items-rejected                  1  items rejected as malformed\n");
        assertThat(out.lines().filter(l -> l.startsWith("  ") && !l.startsWith("   ")).count())
                .isEqualTo(Counters.Counter.values().length + org.statefed.xmpp.PublishReason.values().length + 1);
        assertThat(out).contains("Publishes by reason:\n"
                + "  change                          0  local changes\n");
        assertThat(out).endsWith("Rejected items by reason:\n"
                + "  unknown-state                   1  the state token names no Asterisk device state\n");
    }

    @Test
    void coreShowStatsWithoutRejectionsSaysNone() {
        assertThat(run("core show stats")).endsWith("Rejected items by reason:\n  none\n");
    }

    @Test
    void xmppListNodesListsTheServicesNodes() {
        FakeSite site = node.addSite("asterisk", "server1@localhost/astvoip1");
        site.nodes.addAll(List.of("message_waiting", "device_state"));

        assertThat(run("xmpp list nodes")).isEqualTo(run("xmpp list nodes asterisk")).isEqualTo("""
                Listing pubsub nodes.
                Connection asterisk: server1@localhost
                Node name: device_state
                Node name: message_waiting
                """);
    }

    @Test
    void xmppPurgeNodesPurgesThisSitesNodesOrTheOneNamed() {
        FakeSite site = node.addSite("asterisk", "server1@localhost/astvoip1");

        assertThat(run("xmpp purge nodes")).isEqualTo("""
                Purged node device_state/server1@localhost.
                Purged node message_waiting/server1@localhost.
                """);
        run("xmpp purge nodes asterisk");
        run("xmpp purge nodes scratch");
        run("xmpp purge nodes asterisk scratch2");

        assertThat(site.requests).containsExactly("purge device_state/server1@localhost",
                "purge message_waiting/server1@localhost", "purge device_state/server1@localhost",
                "purge message_waiting/server1@localhost", "purge scratch", "purge scratch2");
    }

    @Test
    void xmppCreateLeafAndDeleteNodeDriveTheService() {
        FakeSite site = node.addSite("asterisk", "server1@localhost/astvoip1");

        assertThat(run("xmpp create leaf test_node")).isEqualTo("Created leaf node test_node.\n");
        assertThat(run("xmpp create leaf asterisk test_node")).isEqualTo("Leaf node test_node already exists.\n");
        assertThat(run("xmpp delete node asterisk test_node")).isEqualTo("Deleted node test_node.\n");

        assertThat(site.requests).containsExactly("create test_node", "create test_node", "delete test_node");
    }

    @Test
    void pubSubCommandsFailWithTheServersAnswer() {
        FakeSite site = node.addSite("asterisk", "server1@localhost/astvoip1");
        site.failure = new XMPPException.XMPPErrorException(null,
                StanzaError.getBuilder(StanzaError.Condition.forbidden).build());

        CommandResult result = registry.execute("xmpp delete node device_state");

        assertThat(result.status()).isEqualTo(CommandStatus.FAILURE);
        assertThat(result.output()).startsWith("[asterisk] deleting node device_state failed (Connected): ")
                .contains("forbidden");
    }

    @Test
    void pubSubCommandsRefuseWhileDisconnected() {
        node.addSite("asterisk", "server1@localhost/astvoip1").linkState = LinkState.DISCONNECTED;

        CommandResult result = registry.execute("xmpp list nodes");

        assertThat(result.status()).isEqualTo(CommandStatus.FAILURE);
        assertThat(result.output()).isEqualTo("[asterisk] is not connected to its XMPP server (Disconnected); "
                + "see 'jabber show connected'.\n");
    }

    @Test
    void anUnknownAccountGetsAsterisksMessage() {
        node.addSite("asterisk", "server1@localhost/astvoip1");

        CommandResult result = registry.execute("xmpp list nodes nosuch");

        assertThat(result.status()).isEqualTo(CommandStatus.FAILURE);
        assertThat(result.output()).isEqualTo("Unable to find client 'nosuch'!\n");
    }

    @Test
    void sipShowPublicationsListsEachSipLinkWithItsDetailAndSaysWhenThereIsNone() {
        assertThat(run("sip show publications")).isEqualTo("No SIP publication peers configured (type = sip_publication)\n");
        node.linkStatuses.add(new org.statefed.node.LinkStatus("asterisk", org.statefed.node.LinkKind.XMPP, "Connected",
                true, 1, List.of()));
        node.linkStatuses.add(new org.statefed.node.LinkStatus("pbx1", org.statefed.node.LinkKind.SIP_PUBLICATION,
                "Listening on 127.0.0.1:5062", true, 1, List.of("outbound asterisk-mwi etag 3", "inbound answered 200: 4")));

        assertThat(run("pjsip show publications")).isEqualTo("[pbx1] Listening on 127.0.0.1:5062, ready, peer publishing\n"
                + "  outbound asterisk-mwi etag 3\n"
                + "  inbound answered 200: 4\n");
    }

    @Test
    void helpListsEverySpellingAndExplainsOneCommand() {
        String list = run("help");

        assertThat(list.lines()).hasSize(22)
                .contains("core show hints                -- Show dialplan hints",
                        "xmpp show connections          -- Show state of clients and components");
        for (String command : List.of("jabber show connected", "xmpp show connections", "jabber show buddies",
                "xmpp show buddies", "jabber show subscriptions", "xmpp show subscriptions", "devstate list",
                "devstate change", "core show hints", "mwi list", "mwi update",
                "core show settings", "core show stats", "xmpp list nodes", "xmpp purge nodes", "xmpp delete node",
                "xmpp create leaf", "corosync show members", "corosync show config", "sip show publications",
                "pjsip show publications", "help")) {
            assertThat(list).contains(String.format("%-30s -- ", command));
        }
        assertThat(run("help devstate change")).startsWith("Usage: devstate change DEVICE STATE\n")
                .contains("UNKNOWN | NOT_INUSE | INUSE | BUSY | INVALID | UNAVAILABLE | RINGING | RINGINUSE | ONHOLD\n");
        assertThat(run("help xmpp show")).isEqualTo(
                "xmpp show buddies              -- Show buddy lists of our clients\n"
                + "xmpp show connections          -- Show state of clients and components\n"
                + "xmpp show subscriptions        -- Show PubSub subscriptions of our clients\n");
    }

    @Test
    void noOutputEverShowsTheSecret() {
        node.addSite("asterisk", "server1@localhost/astvoip1");
        node.changeDeviceState("SIP/100", DeviceState.INUSE);
        for (AdminCommand command : registry.commands()) {
            String line = String.join(" ", command.words());
            assertThat(registry.execute(line).output()).as(line).doesNotContain(FakeNode.SECRET);
            assertThat(registry.execute("help " + line).output()).as(line).doesNotContain(FakeNode.SECRET);
        }
    }
}
