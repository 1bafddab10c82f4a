#!/usr/bin/env bash
# A mutual-TLS data-plane pair in the shape of the HAProxy pair of ../shared/bench/proxy-vs-nginx.sh:
#   wrk -> client dataplane outbound 127.0.0.1:19020 == mTLS ==> server dataplane inbound 127.0.0.1:19021 -> 127.0.0.1:19001
# with a real control plane (127.0.0.1:15681, mesh `default` with the builtin CA, allow-all-default) issuing the
# certificates and the permission that is checked on every connection.
#
#   mesh-runtime/bench/mesh-pair.sh          # starts the pair and waits (this is the MESH_CMD of the shared bench)
#   mesh-runtime/bench/mesh-pair.sh --run    # runs ../shared/bench/proxy-vs-nginx.sh with MESH_CMD=this script
#
# Needs the built jar (./gatehouse mvn -f mesh-runtime/pom.xml -DskipTests package) and, for --run,
# apt-get install -y nginx-light haproxy wrk openssl curl. Env: PAIR_PROCESSES (1, the default: both data planes
# in one JVM on shared event loops, the shape of the HAProxy pair (one process, nbthread 2) and of the sandbox;
# 2: one JVM per data plane, like two sidecars), DP_THREADS (event loops per JVM, default 2 with one JVM, 1 with two),
# JAVA_OPTS (default: small fixed heap, serial GC with a small young generation: short pauses, no GC threads; C1 only).
# Either way the pair has two event-loop threads, as HAProxy with nbthread 2. One JVM has the lower p99: with one
# loop per JVM, a request waits whenever either loop is descheduled (measured p99 20-40 ms against 6-9 ms).
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
MODULE="$(dirname "$HERE")"
REPO="$(dirname "$MODULE")"
if [ "${1:-}" = "--run" ]; then
  MESH_CMD="$HERE/mesh-pair.sh" exec "$REPO/../shared/bench/proxy-vs-nginx.sh"
fi
JAR="$MODULE/target/gatehouse-mesh.jar"
[ -f "$JAR" ] || { echo "missing $JAR: build with ./gatehouse mvn -f mesh-runtime/pom.xml -DskipTests package" >&2; exit 2; }
JAVA="$("$REPO/gatehouse" java-home)/bin/java"
# C1 only (TieredStopAtLevel=1): full speed within a second of the first request instead of after C2 has compiled
# the hot paths under load (the shared bench warms up for 3 s only); costs some CPU per request, see the README.
JAVA_OPTS=${JAVA_OPTS:-"-Xms128m -Xmx128m -Xmn24m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dio.netty.leakDetection.level=disabled"}
PAIR_PROCESSES=${PAIR_PROCESSES:-1}
DP_THREADS=${DP_THREADS:-$([ "$PAIR_PROCESSES" = 1 ] && echo 2 || echo 1)}
CP=127.0.0.1:${CP_PORT:-15681}
OUT_PORT=${MESH_PORT:-19020}
IN_PORT=${IN_PORT:-19021}
W=$(mktemp -d /tmp/mesh-pair.XXXX)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$W"; }
trap cleanup EXIT
trap 'exit 0' TERM INT

"$JAVA" $JAVA_OPTS -jar "$JAR" control-plane --api-listen $CP --data-dir "$W/cp" & pids+=($!)
for _ in $(seq 1 100); do curl -fs "http://$CP/" >/dev/null && break; sleep 0.2; done
curl -fs -X PUT "http://$CP/meshes/default" -H 'Content-Type: application/yaml' --data-binary @- >/dev/null <<'Y'
type: Mesh
name: default
mtls:
  enabledBackend: ca-1
  backends:
    - name: ca-1
      type: builtin
Y
cat > "$W/server.yaml" <<Y
type: Dataplane
mesh: default
name: bench-server
networking:
  address: 127.0.0.1
  inbound:
    - port: $IN_PORT
      servicePort: 19001
      tags:
        kuma.io/service: bench-upstream
        kuma.io/protocol: tcp
Y
cat > "$W/client.yaml" <<Y
type: Dataplane
mesh: default
name: bench-client
networking:
  address: 127.0.0.1
  gateway:
    type: DELEGATED
    tags:
      kuma.io/service: bench-client
  outbound:
    - port: $OUT_PORT
      tags:
        kuma.io/service: bench-upstream
Y
if [ "$PAIR_PROCESSES" = 1 ]; then
  "$JAVA" $JAVA_OPTS -jar "$JAR" dataplane --cp-address "http://$CP" --dataplane-file "$W/server.yaml" \
    --dataplane-file "$W/client.yaml" --io-threads "$DP_THREADS" & pids+=($!)
else
  "$JAVA" $JAVA_OPTS -jar "$JAR" dataplane --cp-address "http://$CP" --dataplane-file "$W/server.yaml" --io-threads "$DP_THREADS" & pids+=($!)
  "$JAVA" $JAVA_OPTS -jar "$JAR" dataplane --cp-address "http://$CP" --dataplane-file "$W/client.yaml" --io-threads "$DP_THREADS" & pids+=($!)
fi
wait
