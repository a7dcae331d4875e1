#!/usr/bin/env bash
# The one command that runs every statefed test on a new machine: it installs what the integration
# tests need (real prosody, ejabberd and corosync from Debian packages) when missing, then runs unit tests
# (Surefire) and integration tests (Failsafe).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
exec mvn -B verify "$@"
