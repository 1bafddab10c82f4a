#!/usr/bin/env bash
# Decision-cost benchmark of the permission engine (1,000 services, 5,000 policies) and of the permission matrix
# of 500 services over them (ServicePermissions, what _permission-matrix runs), with JMH.
# Usage: mesh-runtime/bench/policy-bench.sh [JMH options]   (none given: 1 fork, 3x1s warm-up, 5x1s measurement)
set -euo pipefail
cd "$(dirname "$0")/.."
GH=../gatehouse
"$GH" mvn -q -f mesh-runtime/pom.xml -DskipTests test-compile
"$GH" mvn -q -f mesh-runtime/pom.xml dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
JAVA="$("$GH" java-home)/bin/java"
if [ "$#" -eq 0 ]; then set -- -f 1 -wi 3 -w 1s -i 5 -r 1s; fi
exec "$JAVA" -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main \
  'PermissionEngineBenchmark|ServicePermissionsBenchmark' "$@"
