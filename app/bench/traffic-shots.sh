#!/usr/bin/env bash
# Light and dark screenshots of the Live traffic page on the embedded sandbox with traffic flowing (issue 15).
# Needs an X display; without one it starts Xvfb on :98. Usage: app/bench/traffic-shots.sh DIR
set -euo pipefail
BENCH_XVFB=98
. "$(dirname "$0")/bench-common.sh"
"$JAVA" -Xmx512m ${GATEHOUSE_BENCH_OPTS:-} -cp "$BENCH_CP" dev.gatehouse.app.pages.traffic.TrafficShots "$@"
