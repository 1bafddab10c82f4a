#!/usr/bin/env bash
# A mutual-TLS data-plane pair in the shape of the HAProxy pair of ../shared/bench/proxy-vs-nginx.sh:
#   wrk -> client dataplane outbound 127.0.0.1:19020 == mTLS ==> server dataplane inbound 127.0.0.1:19021 -> 127.0.0.1:19001
# with a real control plane (127.0.0.1:15681, mesh `default` with the builtin CA) issuing the certificates and the
# TrafficPermission that is checked on every connection.
#
#   mesh-runtime/bench/mesh-pair.sh          # starts the pair and waits (this is the MESH_CMD of the shared bench)
#   mesh-runtime/bench/mesh-pair.sh --run    # runs ../shared/bench/proxy-vs-nginx.sh with MESH_CMD=this script
#
# Needs the built launcher (./gatehouse mvn -f mesh-runtime/pom.xml -DskipTests package makes target/gatehouse-mesh)
# and apt-get install -y nginx-light haproxy wrk openssl curl. Every process starts through the launcher, as the README
# documents. Env:
# - PAIR_PROCESSES: 1, the default: both data planes in one JVM on two shared event loops, the shape of the HAProxy pair
#   (one process, nbthread 2) and, on two cores, of the sandbox but for its JIT; 2: one process per data plane, like two
#   sidecars, each with the README's default event loops.
# - DP_THREADS: event loops per JVM (default 2 with one JVM, 0 = the data plane's own default with two).
# - JAVA_OPTS: default none; added after the launcher's options, for experiments.
# - WARMUP_SECONDS: default 0 (below).
# - SHAPE=console: the console's own shape, which the defaults are not: one JVM on one event loop per core, as app's
#   Sandbox.java creates it, with the console's JVM options from ./gatehouse java-opts (C1 only, G1).
#
# Warm-up: the shared bench warms each JVM contestant for 10 s itself, and reported figures use only that (speed as
# users get it). For experiments, WARMUP_SECONDS > 0 adds an earlier warm-up: before the pair is reachable, a third
# data plane in the same JVM (`bench-warm-up`, outbound 127.0.0.1:WARMUP_PORT -> the same server inbound) carries
# WARMUP_SECONDS of wrk load, running exactly the client and server code paths the bench measures. Until then only
# `bench-warm-up` holds a TrafficPermission, so the server data plane closes connections from `bench-client` and the
# shared bench's readiness probe on 19020 keeps failing: the warm-up overlaps none of its measurements. Then
# `allow-all-default` is put back and the bench proceeds. The warm-up needs the upstream on 127.0.0.1:19001, which
# the shared bench starts before MESH_CMD.
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
MODULE="$(dirname "$HERE")"
REPO="$(dirname "$MODULE")"
if [ "${1:-}" = "--run" ]; then
  MESH_CMD="$HERE/mesh-pair.sh" exec "$REPO/../shared/bench/proxy-vs-nginx.sh"
fi
MESH="$MODULE/target/gatehouse-mesh"
[ -x "$MESH" ] || { echo "missing $MESH: build with ./gatehouse mvn -f mesh-runtime/pom.xml -DskipTests package" >&2; exit 2; }
# Experiments only: options added after the launcher's own (reported figures use none).
export GATEHOUSE_MESH_JAVA_OPTS=${JAVA_OPTS:-}
if [ "${SHAPE:-}" = console ]; then
  PAIR_PROCESSES=1 DP_THREADS=0
  # The console's JVM has no data-plane AOT cache (the launcher's, gatehouse-mesh.aot): AOTMode=off drops it.
  GATEHOUSE_MESH_JAVA_OPTS="$("$REPO/gatehouse" java-opts) -XX:AOTMode=off $GATEHOUSE_MESH_JAVA_OPTS"
fi
WARMUP_SECONDS=${WARMUP_SECONDS:-0}
WARMUP_PORT=${WARMUP_PORT:-19029}
PAIR_PROCESSES=${PAIR_PROCESSES:-1}
# One JVM: two event loops shared by the pair (SHAPE=console: the sandbox's loops, one per core). Two JVMs: each data
# plane as the README starts a sidecar, with its default event loops.
DP_THREADS=${DP_THREADS:-$([ "$PAIR_PROCESSES" = 1 ] && echo 2 || echo 0)}
CP=127.0.0.1:${CP_PORT:-15681}
OUT_PORT=${MESH_PORT:-19020}
IN_PORT=${IN_PORT:-19021}
W=$(mktemp -d /tmp/mesh-pair.XXXX)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$W"; }
trap cleanup EXIT
trap 'exit 0' TERM INT

"$MESH" control-plane --api-listen $CP --data-dir "$W/cp" --no-default-allow-all & pids+=($!)
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
permit() { # name source-service
  curl -fs -X PUT "http://$CP/meshes/default/traffic-permissions/$1" -H 'Content-Type: application/yaml' --data-binary @- >/dev/null <<Y
type: TrafficPermission
name: $1
mesh: default
sources:
  - match:
      kuma.io/service: '$2'
destinations:
  - match:
      kuma.io/service: '*'
Y
}
permit bench-warm-up bench-warm-up
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
sed -e "s/name: bench-client/name: bench-warm-up/" -e "s/kuma.io\/service: bench-client/kuma.io\/service: bench-warm-up/" \
  -e "s/- port: $OUT_PORT/- port: $WARMUP_PORT/" "$W/client.yaml" > "$W/warm-up.yaml"
# The warm-up data plane exists only when there is a warm-up: otherwise the pair is exactly two data planes.
WARM_DP=()
[ "$WARMUP_SECONDS" -gt 0 ] && WARM_DP=(--dataplane-file "$W/warm-up.yaml")
if [ "$PAIR_PROCESSES" = 1 ]; then
  "$MESH" dataplane --cp-address "http://$CP" --dataplane-file "$W/server.yaml" \
    --dataplane-file "$W/client.yaml" ${WARM_DP[@]+"${WARM_DP[@]}"} --io-threads "$DP_THREADS" & pids+=($!)
else
  "$MESH" dataplane --cp-address "http://$CP" --dataplane-file "$W/server.yaml" --io-threads "$DP_THREADS" & pids+=($!)
  "$MESH" dataplane --cp-address "http://$CP" --dataplane-file "$W/client.yaml" ${WARM_DP[@]+"${WARM_DP[@]}"} \
    --io-threads "$DP_THREADS" & pids+=($!)
fi
if command -v wrk >/dev/null && [ "$WARMUP_SECONDS" -gt 0 ]; then
  for _ in $(seq 1 100); do curl -fs -o /dev/null "http://127.0.0.1:$WARMUP_PORT/" && break; sleep 0.2; done
  echo "warming up through 127.0.0.1:$WARMUP_PORT for ${WARMUP_SECONDS}s"
  wrk -t1 -c64 -d"${WARMUP_SECONDS}s" "http://127.0.0.1:$WARMUP_PORT/" | grep -E 'Requests/sec|Non-2xx|errors' || true
fi
permit allow-all-default '*'
echo "pair ready on 127.0.0.1:$OUT_PORT"
wait
