#!/usr/bin/env bash
# Two mesh pairs side by side, for experiments: A with JAVA_OPTS_A, B with JAVA_OPTS_B (added after the launcher's
# options, as mesh-pair.sh's JAVA_OPTS), and the HAProxy mTLS pair of the shared bench as the reference, all behind one
# nginx upstream. Each is warmed 10 s, then ROUNDS rounds of 8 s wrk runs alternate between them (A and B swap order
# every round), printing rps, p99 and the CPU microseconds per request of each side's processes
# (cpu-per-request.sh). On a shared 2-core machine single runs of the shared bench swing by tens of percent; CPU per
# request, measured seconds apart, shows a change of a few percent.
#   mesh-runtime/bench/side-by-side.sh [ROUNDS]             (default 4)
#   JAVA_OPTS_B=-Dio.netty.leakDetection.level=simple PAIR_PROCESSES=2 mesh-runtime/bench/side-by-side.sh
# PAIR_PROCESSES and SHAPE pass through to mesh-pair.sh. Ports: 19001 (upstream), 19010/19011 (HAProxy), 15681/15682,
# 19020/19021 and 19030/19031 (the pairs). Needs the built launcher, nginx, haproxy, wrk, openssl and curl.
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
ROUNDS=${1:-4}
for t in nginx haproxy wrk openssl curl; do command -v $t >/dev/null || { echo "missing $t" >&2; exit 2; }; done
D=$(mktemp -d /tmp/side-by-side.XXXX)
pids=()
groups=()
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true
  for g in "${groups[@]}"; do kill -- -"$g" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$D"
}
trap cleanup EXIT
cat > "$D/up.conf" <<C
worker_processes 1; daemon off; pid $D/up.pid; error_log $D/up.err;
events { worker_connections 4096; }
http { access_log off; server { listen 127.0.0.1:19001 reuseport backlog=4096;
  location / { return 200 '{"counter":1}'; } } }
C
# The shared bench's HAProxy pair: P-256 certificates with SPIFFE URIs, verified both ways, in one process.
(
  cd "$D"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=ca -keyout ca.key \
    -out ca.crt 2>/dev/null
  for n in a b; do
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=$n -keyout $n.key -out $n.csr 2>/dev/null
    printf 'subjectAltName=URI:spiffe://default/%s\n' $n > $n.ext
    openssl x509 -req -in $n.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile $n.ext -out $n.crt 2>/dev/null
    cat $n.crt $n.key > $n.pem
  done
)
cat > "$D/ha.cfg" <<C
global
  nbthread 2
  maxconn 4096
defaults
  timeout connect 5s
  timeout client 30s
  timeout server 30s
frontend outbound
  mode tcp
  bind 127.0.0.1:19010
  default_backend to_inbound
backend to_inbound
  mode tcp
  server b 127.0.0.1:19011 ssl crt $D/a.pem ca-file $D/ca.crt verify required
frontend inbound
  mode tcp
  bind 127.0.0.1:19011 ssl crt $D/b.pem ca-file $D/ca.crt verify required
  default_backend app
backend app
  mode tcp
  server s 127.0.0.1:19001
C
nginx -c "$D/up.conf" -p "$D" & pids+=($!)
haproxy -f "$D/ha.cfg" -q -db & HAPROXY=$!; pids+=($HAPROXY)
JAVA_OPTS="${JAVA_OPTS_A:-}" CP_PORT=15681 MESH_PORT=19020 IN_PORT=19021 setsid "$HERE/mesh-pair.sh" > "$D/a.log" 2>&1 &
groups+=($!)
JAVA_OPTS="${JAVA_OPTS_B:-}" CP_PORT=15682 MESH_PORT=19030 IN_PORT=19031 setsid "$HERE/mesh-pair.sh" > "$D/b.log" 2>&1 &
groups+=($!)
for port in 19020 19030; do
  for _ in $(seq 1 120); do curl -fs -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.5; done
  curl -fs -o /dev/null "http://127.0.0.1:$port/" || { echo "pair on $port not ready"; tail -20 "$D"/*.log; exit 1; }
done
# Each side's data-plane JVMs: the java processes whose command line names that side's control plane.
jvms() { pgrep -f "gatehouse-mesh.jar dataplane --cp-address http://127.0.0.1:$1" | xargs; }
A=$(jvms 15681); B=$(jvms 15682)
echo "A: ${JAVA_OPTS_A:-(no options)}, JVMs $A"
echo "B: ${JAVA_OPTS_B:-(no options)}, JVMs $B"
for port in 19010 19020 19030; do wrk -t1 -c64 -d10s "http://127.0.0.1:$port/" >/dev/null 2>&1; done
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r: H $("$HERE/cpu-per-request.sh" 19010 "$HAPROXY")"
  if [ $((r % 2)) = 1 ]; then order="A B"; else order="B A"; fi
  for side in $order; do
    if [ "$side" = A ]; then line=$("$HERE/cpu-per-request.sh" 19020 $A); else line=$("$HERE/cpu-per-request.sh" 19030 $B); fi
    echo "round $r: $side $line"
  done
done
