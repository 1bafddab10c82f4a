#!/usr/bin/env bash
# Light and dark screenshots of the Live traffic page on the embedded sandbox with traffic flowing (issue 15).
# Needs an X display; without one it starts Xvfb on :98. Usage: app/bench/traffic-shots.sh DIR
set -euo pipefail
cd "$(dirname "$0")/.."
GH=$(pwd)/../gatehouse
("$GH" mvn -q -o -pl ui-resources,app -DskipTests test-compile)
"$GH" mvn -q -o -pl app dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$(pwd)/target/bench-classpath.txt"
JAVA="$("$GH" java-home)/bin/java"
if [ -z "${DISPLAY:-}" ]; then
  Xvfb :98 -screen 0 1400x900x24 >/dev/null 2>&1 &
  XVFB=$!
  trap 'kill $XVFB' EXIT
  export DISPLAY=:98
  sleep 1
fi
"$JAVA" -Xmx512m ${GATEHOUSE_BENCH_OPTS:-} -cp "../ui-resources/target/classes:target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.gatehouse.app.pages.traffic.TrafficShots "$@"
