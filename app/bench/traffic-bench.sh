#!/usr/bin/env bash
# Speed figures of live traffic (issue 15): the real console on the embedded sandbox with the Topology page (and the
# Live traffic page in a second window), run with the console's own JVM options (./gatehouse java-opts) and
# environment. Prints frame intervals, the FX thread's CPU, request to screen (p50/p95/p99) and RSS every 5 s.
# Needs an X display; without one it starts Xvfb on :96.
# Usage: app/bench/traffic-bench.sh                   (a) 5,000 generated events/s for 60 s into the feed's sink
#        app/bench/traffic-bench.sh --generated S R   S seconds at R events/s
#        app/bench/traffic-bench.sh --real [S] [C]    (b) real requests through the proxy, C clients, S seconds
#        app/bench/traffic-bench.sh --shots DIR       light and dark screenshots with traffic flowing
set -euo pipefail
BENCH_XVFB=96
. "$(dirname "$0")/bench-common.sh"
# Exactly the console's JVM options and environment, as ./gatehouse console starts it (GATEHOUSE_JAVA_OPTS included);
# GATEHOUSE_BENCH_OPTS add the bench's own switches (-Dbench.graphOnly=true).
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
read -r -a CONSOLE_OPTS <<< "$("$GH" java-opts)"
echo "console JVM options: ${CONSOLE_OPTS[*]} (MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX)"
"$JAVA" "${CONSOLE_OPTS[@]}" ${GATEHOUSE_BENCH_OPTS:-} -cp "$BENCH_CP" \
  dev.gatehouse.app.pages.topology.TrafficBench "$@"
