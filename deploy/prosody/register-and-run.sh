#!/bin/sh
# Entrypoint of the xmpp service in docker-compose.yml: registers the statefed sites' accounts, then runs
# Prosody in the foreground as its own user. 'prosodyctl register' resets the password of an account that
# exists, so this is the same on every start.
#
# STATEFED_DOMAIN   the XMPP domain, e.g. statefed.test
# STATEFED_ACCOUNTS space-separated localpart:password pairs, e.g. "site-a:secret-a site-b:secret-b"
set -eu

config=/etc/prosody/prosody.cfg.lua
: "${STATEFED_DOMAIN:?set STATEFED_DOMAIN to the XMPP domain}"
: "${STATEFED_ACCOUNTS:?set STATEFED_ACCOUNTS to localpart:password pairs}"

# The image starts as root; Prosody itself must not run as root.
if [ "$(id -u)" -eq 0 ]; then
    as_prosody="runuser -u prosody --"
else
    as_prosody=""
fi

for account in $STATEFED_ACCOUNTS; do
    localpart="${account%%:*}"
    password="${account#*:}"
    $as_prosody prosodyctl --config "$config" register "$localpart" "$STATEFED_DOMAIN" "$password"
    echo "registered $localpart@$STATEFED_DOMAIN"
done

exec $as_prosody prosody --config "$config" --no-daemonize
