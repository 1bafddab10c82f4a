#!/usr/bin/env bash
# Speed figures of the Topology page: layout of 500 services / 2,000 edges, frame rate while panning and zooming the
# 500-vertex graph (AnimationTimer), redraw time after a permission change. Needs an X display; without one it starts
# Xvfb on :97. Usage: app/bench/topology-bench.sh            (figures)
#                     app/bench/topology-bench.sh --shots DIR (light and dark screenshots of 200 generated services)
# JavaFX picks its pipeline itself (es2 with Mesa under Xvfb, else sw); set GATEHOUSE_BENCH_OPTS=-Dprism.order=sw to force.
set -euo pipefail
cd "$(dirname "$0")/.."
GH=$(pwd)/../gatehouse
("$GH" mvn -q -o -pl ui-resources,app -DskipTests test-compile)
"$GH" mvn -q -o -pl app dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$(pwd)/target/bench-classpath.txt"
JAVA="$("$GH" java-home)/bin/java"
if [ -z "${DISPLAY:-}" ]; then
  Xvfb :97 -screen 0 1400x900x24 >/dev/null 2>&1 &
  XVFB=$!
  trap 'kill $XVFB' EXIT
  export DISPLAY=:97
  sleep 1
fi
"$JAVA" -Xmx512m ${GATEHOUSE_BENCH_OPTS:-} -cp "../ui-resources/target/classes:target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.gatehouse.app.pages.topology.TopologyBench "$@"
