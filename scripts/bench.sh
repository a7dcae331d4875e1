#!/usr/bin/env bash
# The one command that runs statefed's benchmark (docs/benchmarks.md) on a new machine: installs the
# real prosody and ejabberd the integration tests use when missing, then `mvn -Pbench verify`, which
# skips the tests, runs the in-process JMH figures and every end-to-end scenario beside its raw-Smack
# baseline (about 6 minutes on 2 cores), prints the table and writes target/bench/results.json.
#
# Options go to the benchmark as -Dbench.args, e.g.
#   scripts/bench.sh -Dbench.args="servers=prosody scale=no scenarios=latency,throughput"
#   scripts/bench.sh -Dbench.jvmArgs="-XX:StartFlightRecording=filename=target/bench/bench.jfr,settings=profile"
#
# `scripts/bench.sh scale [SITES [DEVICES [SERVERS [restart]]]]` runs only the scale scenario of issue 15 (N sites × D
# devices per site, in-process sites in one JVM with a 6 GiB heap), e.g.
#   scripts/bench.sh scale                      # sites 3,10,30,50 × devices 1000,10000, both servers
#   scripts/bench.sh scale 3,10 1000 ejabberd   # a smaller grid; each phase is cut at limit=600 s
# and writes target/bench/scale.csv and the charts target/bench/scale-*.png|svg beside results.json.
# A fifth argument `restart` measures only a restarted site's sync, without the storm (a star of N sites
# whose N - 1 others publish D devices each; see docs/benchmarks.md "Scale"), e.g.
#   scripts/bench.sh scale 50 1000 ejabberd restart
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
if [ "${1:-}" = scale ]; then
  sites=${2:-3,10,30,50}
  devices=${3:-1000,10000}
  servers=${4:-prosody,ejabberd}
  phases=${5:-all}
  shift $(( $# < 5 ? $# : 5 ))
  exec mvn -B -Pbench verify -Dbench.heap=6g \
    "-Dbench.args=scale=no scenarios=scale servers=$servers sites=$sites devices=$devices phases=$phases" "$@"
fi
exec mvn -B -Pbench verify "$@"
