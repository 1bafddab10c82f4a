# Sourced by the app's bench scripts (topology-bench.sh, traffic-bench.sh, traffic-shots.sh), after they set
# BENCH_XVFB: compiles the app and its tests, writes their class path, and when there is no X display starts Xvfb on
# :$BENCH_XVFB (stopped on exit). Leaves JAVA (the JDK >= 21 ./gatehouse found) and BENCH_CP (the class path), in app/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
GH=$(pwd)/../gatehouse
# One reactor build with the modules app depends on: their classes come from this checkout (not from jars an earlier
# `mvn install` left in ~/.m2, stale or missing). Each module writes the file in turn; app, built last, leaves its own.
"$GH" mvn -q -o -pl app -am -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$(pwd)/target/bench-classpath.txt"
JAVA="$("$GH" java-home)/bin/java"
if [ -z "${DISPLAY:-}" ]; then
  Xvfb ":$BENCH_XVFB" -screen 0 1400x900x24 >/dev/null 2>&1 &
  XVFB=$!
  trap 'kill $XVFB' EXIT
  export DISPLAY=":$BENCH_XVFB"
  sleep 1
fi
BENCH_CP="../ui-resources/target/classes:target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
