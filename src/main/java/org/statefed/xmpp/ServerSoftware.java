package org.statefed.xmpp;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which XMPP server runs a PubSub service, as far as it says (disco#info identity name, XEP-0092 version of
 * its domain, the vCard ejabberd's PubSub answers with), so that errors can name that server's own settings.
 *
 * @param kind the server family, {@link Kind#UNKNOWN} when nothing it said was recognised
 * @param description what it said, e.g. {@code Openfire 5.1.1}; "" when it said nothing
 */
record ServerSoftware(Kind kind, String description) {

    /** The servers statefed knows the settings of. */
    enum Kind {
        PROSODY("prosody"), EJABBERD("ejabberd"), OPENFIRE("Openfire"), TIGASE("Tigase"), UNKNOWN("the XMPP server");

        private final String display;

        Kind(String display) {
            this.display = display;
        }

        String display() {
            return display;
        }
    }

    ServerSoftware {
        Objects.requireNonNull(kind, "kind");
        description = description == null ? "" : description.trim();
    }

    static ServerSoftware unknown() {
        return new ServerSoftware(Kind.UNKNOWN, "");
    }

    /** The first of {@code names} (identity names, version names, vCard FN) that names a known server. */
    static ServerSoftware recognise(List<String> names) {
        for (String name : names) {
            if (name == null) {
                continue;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            for (Kind kind : Kind.values()) {
                if (kind != Kind.UNKNOWN && lower.contains(kind.name().toLowerCase(Locale.ROOT))) {
                    return new ServerSoftware(kind, name);
                }
            }
        }
        return new ServerSoftware(Kind.UNKNOWN, names.stream().filter(n -> n != null && !n.isBlank())
                .findFirst().orElse(""));
    }

    /**
     * Whose XEP-0092 version tells which server runs {@code service}: the account's own server when the service
     * is of its domain or a subdomain of it (the usual {@code pubsub.DOMAIN} component), else the domain the
     * service is a subdomain of: a shared service on another, federated server (asterisk layout) is not run by
     * the account's server, and naming that one's settings sends the admin to the wrong server.
     */
    static String versionSourceOf(String service, String accountDomain) {
        String domain = service.substring(service.indexOf('@') + 1);
        if (domain.equals(accountDomain) || domain.endsWith("." + accountDomain)) {
            return accountDomain;
        }
        int dot = domain.indexOf('.');
        String parent = dot < 0 ? domain : domain.substring(dot + 1);
        return parent.indexOf('.') < 0 ? domain : parent;
    }

    /** e.g. {@code Openfire (Openfire 5.1.1)}, or {@code the XMPP server} when unknown. */
    String name() {
        if (description.isEmpty() || description.equalsIgnoreCase(kind.display())) {
            return kind.display();
        }
        return kind == Kind.UNKNOWN ? description : kind.display() + " (" + description + ")";
    }

    /** What the admin of this server changes so that {@code account} may create nodes on {@code service}. */
    String createNodeSetting(String account, String service) {
        return switch (kind) {
            case PROSODY -> "prosody only lets the pubsub component's admins create nodes: add " + account
                    + " to the admins of Component \"" + service + "\" in prosody.cfg.lua";
            case EJABBERD -> "ejabberd lets only accounts allowed by mod_pubsub's access_createnode create nodes:"
                    + " allow " + account + " in that access rule of ejabberd.yml";
            case OPENFIRE -> "Openfire lets only the JIDs in xmpp.pubsub.create.jid create nodes when"
                    + " xmpp.pubsub.create.anyone is false: add " + account + " to xmpp.pubsub.create.jid (Admin"
                    + " console, Server > Server Manager > System Properties), or set xmpp.pubsub.create.anyone=true";
            case TIGASE -> "Tigase lets only allowed JIDs create nodes on its pubsub component: allow " + account
                    + " in the pubsub component's settings of config.tdsl (or use pubsub_layout = pep,"
                    + " which needs no node-creation rights)";
            case UNKNOWN -> account + " may not create nodes on " + service + ": allow it in the server's PubSub"
                    + " settings (prosody: admins of the pubsub Component; ejabberd: access_createnode; Openfire:"
                    + " xmpp.pubsub.create.jid; Tigase: the pubsub component's settings), or use pubsub_layout = pep";
        };
    }
}
