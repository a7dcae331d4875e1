-- Prosody for docker-compose.yml, set up as statefed's tests and demo set theirs up
-- (src/main/resources/org/statefed/demo/server/prosody.cfg.lua): plaintext c2s, a PubSub component whose
-- admins are the three sites, nothing else listening. Mounted read-only at /etc/prosody/prosody.cfg.lua.

-- In the foreground, logging to the console: 'docker compose logs xmpp' shows it.
daemonize = false
data_path = "/var/lib/prosody"
log = { { levels = { min = "info" }; to = "console" } }

-- mod_limits is left out on purpose: without it c2s has no rate limit. s2s and offline storage are not
-- needed between local accounts.
modules_enabled = { "roster"; "saslauth"; "disco"; "ping" }
modules_disabled = { "s2s"; "s2s_auth_certs"; "offline" }

-- Inside the compose network only; nothing is published to the host.
c2s_ports = { 5222 }
c2s_interfaces = { "*" }
c2s_direct_tls_ports = { }
legacy_ssl_ports = { }
s2s_ports = { }
component_ports = { }
http_ports = { }
https_ports = { }

-- The compose network is private: no TLS, plaintext SASL allowed. Between real sites, give Prosody a
-- certificate and set usetls = yes in every jabber.conf.
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
authentication = "internal_hashed"

-- PubSub in memory: after a restart of this container every statefed site republishes its own states.
storage = { pubsub_nodes = "memory"; pubsub_data = "memory" }
-- statefed creates nodes with pubsub#max_items 10000 (one item per device); memory storage refuses the
-- 1001st item of a node unless raised, and counts before trimming to max_items: keep it well above.
storage_archive_item_limit = 1000000

VirtualHost "statefed.test"

Component "pubsub.statefed.test" "pubsub"
    -- Only the component's admins may create nodes (they are owners of every node, too).
    admins = { "site-a@statefed.test"; "site-b@statefed.test"; "site-c@statefed.test" }
    -- Put publisher='JID' on every item: without it statefed cannot check that a node's owner published
    -- an item (any admin could speak for a site) and, in the asterisk layout, cannot know an Asterisk
    -- peer's entity id. prosody 0.12 ignores the node option pubsub#itemreply; this is the switch.
    expose_publisher = true
    pubsub_max_items = 10000
