#!/usr/bin/env bash
# Router matching cost with 10, 1,000 and 10,000 routes (and rebuild time), with JMH.
# Usage: gateway-runtime/bench/router-bench.sh [JMH options]   (none given: 1 fork, 3x1s warm-up, 5x1s measurement)
set -euo pipefail
cd "$(dirname "$0")/.."
GH=../gatehouse
"$GH" mvn -q -f gateway-runtime/pom.xml -DskipTests test-compile
"$GH" mvn -q -f gateway-runtime/pom.xml dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt
JAVA="$("$GH" java-home)/bin/java"
if [ "$#" -eq 0 ]; then set -- -f 1 -wi 3 -w 1s -i 5 -r 1s; fi
exec "$JAVA" -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main \
  RouterBenchmark "$@"
