package org.statefed.demo.server;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a managed server's PubSub service is set up.
 *
 * @param admins       localparts that may create nodes (Prosody: the pubsub component's admins, who own every
 *                     node too; ejabberd lets every local user create nodes, so there it changes nothing)
 * @param persistItems Prosody: keep pubsub nodes and items in SQLite ({@code true}, needs {@code lua-dbi-sqlite3})
 *                     or in memory; ejabberd keeps them in Mnesia either way and uses this as the default
 *                     {@code pubsub#persist_items}
 * @param maxItems     the largest {@code pubsub#max_items} a node may have
 */
public record PubsubOptions(List<String> admins, boolean persistItems, int maxItems) {

    private static final Pattern LOCALPART = Pattern.compile("[a-z0-9._-]+");

    public PubsubOptions {
        // Checked strictly: the localparts are written into the server's configuration file as they are.
        admins = List.copyOf(Objects.requireNonNull(admins, "admins"));
        for (String admin : admins) {
            if (!LOCALPART.matcher(admin).matches()) {
                throw new IllegalArgumentException(
                        "pubsub admin localpart '" + admin + "' must match " + LOCALPART.pattern());
            }
        }
        if (maxItems < 1) {
            throw new IllegalArgumentException("maxItems must be at least 1, was " + maxItems);
        }
    }
}
