#!/usr/bin/env bash
# The one command that runs statefed's benchmark (docs/benchmarks.md) on a new machine: installs the
# real prosody and ejabberd the integration tests use when missing, then `mvn -Pbench verify`, which
# skips the tests, runs the in-process JMH figures and every end-to-end scenario beside its raw-Smack
# baseline (about 6 minutes on 2 cores), prints the table and writes target/bench/results.json.
#
# Options go to the benchmark as -Dbench.args, e.g.
#   scripts/bench.sh -Dbench.args="servers=prosody scale=no scenarios=latency,throughput"
#   scripts/bench.sh -Dbench.jvmArgs="-XX:StartFlightRecording=filename=target/bench/bench.jfr,settings=profile"
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
exec mvn -B -Pbench verify "$@"
