#!/bin/sh
# Installs the Debian packages the integration tests start as child processes (Prosody, ejabberd and
# the SQLite driver Prosody's SQL storage needs; Corosync and the libcpg4 library the CPG binding
# loads; SIPp, Debian sip-tester, which plays Asterisk in the SIP publication tests), without leaving
# their system services running: the tests start their own servers on free loopback ports and their
# own single-node Corosync ring. Also Chromium and its WebDriver for the lamp board's browser tests
# (optional: where they cannot be installed, those tests skip and say why). Quiet and idempotent when
# all is there.
set -eu

PACKAGES="prosody ejabberd lua-dbi-sqlite3 corosync libcpg4 sip-tester"
BROWSER_PACKAGES="chromium chromium-driver"

is_missing() {
    ! dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=""
for package in $PACKAGES; do
    if is_missing "$package"; then
        missing="$missing $package"
    fi
done
missing_browser=""
for package in $BROWSER_PACKAGES; do
    if is_missing "$package"; then
        missing_browser="$missing_browser $package"
    fi
done
[ -z "$missing" ] && [ -z "$missing_browser" ] && exit 0

if [ -z "$missing" ] && [ "$(id -u)" -ne 0 ]; then
    echo "The lamp board's browser tests need$missing_browser (they skip without): sudo $0" >&2
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "Integration tests need these Debian packages, missing:$missing" >&2
    echo "Install them as root (this script does it, and keeps their services from running):" >&2
    echo "  sudo $0" >&2
    echo "or by hand:" >&2
    echo "  sudo apt-get install -y $PACKAGES" >&2
    echo "  sudo systemctl disable --now prosody ejabberd corosync" >&2
    exit 1
fi

# A policy-rc.d answering 101 forbids invoke-rc.d/deb-systemd-invoke to start the packages' services.
# Keep an existing one (Docker images ship one); otherwise install ours for the duration of apt-get.
policy=/usr/sbin/policy-rc.d
own_policy=""
if [ ! -e "$policy" ]; then
    own_policy=yes
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod 755 "$policy"
fi
cleanup() {
    if [ -n "$own_policy" ]; then rm -f "$policy"; fi
}
trap cleanup EXIT INT TERM

# The processes running before the install: a server the install starts is one that is not among
# them. Only those are stopped afterwards, so that tests running meanwhile (their prosody/ejabberd
# run as the same users, their corosync as root) keep their servers.
server_pids() {
    { pgrep -u prosody 2>/dev/null; pgrep -u ejabberd 2>/dev/null; pgrep -x corosync 2>/dev/null; } | sort -u || true
}
before=$(server_pids)

apt-get update -qq
if [ -n "$missing" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi
if [ -n "$missing_browser" ]; then
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing_browser >/dev/null; then
        echo "Could not install$missing_browser: the lamp board's browser tests will skip" >&2
    fi
fi

# Belt and braces: if a service started anyway, stop it and keep it from starting at boot.
if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    for package in $missing; do
        case "$package" in
            prosody|ejabberd|corosync) systemctl disable --now "$package.service" >/dev/null 2>&1 || true ;;
        esac
    done
fi
for pid in $(server_pids); do
    if ! printf '%s\n' "$before" | grep -qx "$pid"; then
        echo "Stopping process $pid ($(ps -o comm= -p "$pid" 2>/dev/null)) started by the package install" >&2
        kill "$pid" 2>/dev/null || true
    fi
done
