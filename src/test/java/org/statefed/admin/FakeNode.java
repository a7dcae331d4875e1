package org.statefed.admin;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.statefed.config.AuthPolicy;
import org.statefed.config.ClientConfig;
import org.statefed.config.ClientType;
import org.statefed.config.GeneralConfig;
import org.statefed.config.PresenceStatus;
import org.statefed.config.PubsubLayout;
import org.statefed.config.StatefedConfig;
import org.statefed.corosync.CorosyncView;
import org.statefed.node.TableSurface;
import org.statefed.state.EntityId;
import org.statefed.state.Hint;
import org.statefed.state.MutableClock;

/** The tables of a node without XMPP: local changes go straight into them under this site's entity id. */
final class FakeNode extends TableSurface implements AdminNode {
    static final String SECRET = "s3cret-Pa55";
    static final EntityId OWN = EntityId.parse("00:11:22:33:44:01");
    static final EntityId OTHER = EntityId.parse("00:11:22:33:44:02");

    final MutableClock clock;
    final List<AdminSite> sites = new ArrayList<>();
    final List<CorosyncView> corosyncLinks = new ArrayList<>();
    final List<org.statefed.node.LinkStatus> linkStatuses = new ArrayList<>();
    final StatefedConfig config;

    FakeNode(Map<String, String> hintLines) {
        this(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")), hintLines);
    }

    private FakeNode(MutableClock clock, Map<String, String> hintLines) {
        super(clock, OWN, "1.2.3");
        this.clock = clock;
        hintLines.forEach((name, list) -> hints.put(Hint.parse(name, list)));
        this.config = config(hintLines);
    }

    FakeNode() {
        this(Map.of());
    }

    @Override
    public List<org.statefed.node.LinkStatus> linkStatuses() {
        return linkStatuses;
    }

    FakeSite addSite(String name, String username) {
        FakeSite site = new FakeSite(name, username);
        sites.add(site);
        return site;
    }

    private static StatefedConfig config(Map<String, String> hints) {
        try {
            EntityBareJid jid = JidCreate.entityBareFrom("server1@localhost");
            ClientConfig client = new ClientConfig("asterisk", ClientType.CLIENT, "xmpp.example.com", 5222,
                    "pubsub.localhost", jid, Optional.of(Resourcepart.from("astvoip1")), SECRET, 1, true,
                    PresenceStatus.AVAILABLE, "", true, true, false, true, Duration.ofSeconds(5), "default", false,
                    List.of(JidCreate.entityBareFrom("server2@localhost")), Optional.empty());
            GeneralConfig general = new GeneralConfig(false, false, true, false, true, AuthPolicy.ACCEPT, OWN, false,
                    Path.of("/run/statefed/statefed.sock"), PubsubLayout.PER_SITE, Duration.ofSeconds(30),
                    Path.of("/var/lib/statefed/state.db"));
            return new StatefedConfig(Path.of("/etc/asterisk/jabber.conf"), general, List.of(client),
                    new LinkedHashMap<>(hints), List.of());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public StatefedConfig config() {
        return config;
    }

    @Override
    public List<AdminSite> sites() {
        return sites;
    }

    @Override
    public List<CorosyncView> corosyncLinks() {
        return corosyncLinks;
    }

}
