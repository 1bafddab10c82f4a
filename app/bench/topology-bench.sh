#!/usr/bin/env bash
# Speed figures of the Topology page: layout of 500 services / 2,000 edges, frame rate while panning and zooming the
# 500-vertex graph (AnimationTimer), redraw time after a permission change. Needs an X display; without one it starts
# Xvfb on :97. Usage: app/bench/topology-bench.sh            (figures)
#                     app/bench/topology-bench.sh --shots DIR (light and dark screenshots of 200 generated services)
# JavaFX picks its pipeline itself (es2 with Mesa under Xvfb, else sw); set GATEHOUSE_BENCH_OPTS=-Dprism.order=sw to force.
set -euo pipefail
BENCH_XVFB=97
. "$(dirname "$0")/bench-common.sh"
"$JAVA" -Xmx512m ${GATEHOUSE_BENCH_OPTS:-} -cp "$BENCH_CP" dev.gatehouse.app.pages.topology.TopologyBench "$@"
