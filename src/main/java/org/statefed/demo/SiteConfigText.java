package org.statefed.demo;

import java.util.Map;
import java.util.stream.Collectors;

import org.statefed.demo.server.ConfigTemplate;

/**
 * The {@code jabber.conf} of one demo site, from the template next to this class: its entity id, its account
 * on the private server, the other sites as buddies, and the same hints at every site.
 */
final class SiteConfigText {

    private SiteConfigText() {
    }

    /**
     * @param host          where the XMPP server listens
     * @param port          its c2s port
     * @param domain        its XMPP domain
     * @param pubsubService its PubSub service JID
     * @param secret        the site's password
     */
    static String render(DemoSite site, String host, int port, String domain, String pubsubService, String secret) {
        return render(site, host, port, domain, pubsubService, secret, "");
    }

    /**
     * The same, plus a Corosync link section (see {@link #corosyncSection}) at the end, empty for none.
     */
    static String render(DemoSite site, String host, int port, String domain, String pubsubService, String secret,
            String extraSections) {
        String buddies = DemoSite.ALL.stream().filter(other -> !other.equals(site))
                .map(other -> "buddy = " + other.account() + "@" + domain)
                .collect(Collectors.joining("\n"));
        return ConfigTemplate.load(SiteConfigText.class, "jabber.conf").render(Map.of(
                "site", site.letter(),
                "entityId", site.entityId().toString(),
                "host", host,
                "port", Integer.toString(port),
                "account", site.account(),
                "domain", domain,
                "secret", secret,
                "pubsubService", pubsubService,
                "buddies", buddies)) + extraSections;
    }

    /**
     * The section that makes a site the bridge of a Corosync LAN: res_corosync.conf's keys, both event types
     * both ways, on CPG group {@code group}.
     */
    static String corosyncSection(String group) {
        return """

                ; This site bridges a LAN: Asterisk servers sharing state over Corosync (res_corosync).
                [lan]
                type = corosync
                group = %s
                publish_event = mwi
                publish_event = device_state
                subscribe_event = mwi
                subscribe_event = device_state
                """.formatted(group);
    }
}
