#!/usr/bin/env bash
# CPU cost per proxied request, gateway against nginx checking a key, alternating in one run (issue 20). Loopback noise
# moves rps by 10% between runs; CPU per request moves far less, so this shows what a change to the proxy path buys:
#   gateway-runtime/bench/cpu-per-request.sh [ROUNDS]        (default 3; DUR, CONN as in the shared bench)
# Starts an nginx upstream on 127.0.0.1:19001, nginx with the shared bench's key check on 19004 (two workers) and
# target/gatehouse-gateway (the launcher, as the README documents it) on 18000/18001 with key-auth, warms the gateway
# for 10 s, then loads each in turn with wrk and prints rps, p99 and the user and system CPU microseconds per request
# of all the proxy's threads, the TCP segments sent and its system calls per request
# (mesh-runtime/bench/cpu-per-request.sh). Build first: ./gatehouse mvn -DskipTests package.
# Needs: apt-get install -y nginx-light wrk curl
set -u
cd "$(dirname "$0")/.." || exit 2
ROUNDS=${1:-3}; DUR=${DUR:-8}; CONN=${CONN:-64}
LAUNCHER=$(pwd)/target/gatehouse-gateway
[ -x "$LAUNCHER" ] || { echo "build first: ./gatehouse mvn -DskipTests package"; exit 2; }
D=$(mktemp -d /tmp/gw-cpu.XXXX)
cat > "$D/up.conf" <<C
worker_processes 1; daemon off; pid $D/up.pid; error_log $D/up.err;
events { worker_connections 4096; }
http { access_log off; server { listen 127.0.0.1:19001 reuseport backlog=4096;
  location / { return 200 '{"counter":1}'; } } }
C
cat > "$D/px.conf" <<C
worker_processes 2; daemon off; pid $D/px.pid; error_log $D/px.err;
events { worker_connections 4096; }
http { access_log off; upstream u { server 127.0.0.1:19001; keepalive 64; }
  map \$http_apikey \$ok { "123test" 1; default 0; }
  server { listen 127.0.0.1:19004 backlog=4096; location / {
    if (\$ok = 0) { return 401 '{"message":"No API key found in request"}'; }
    proxy_pass http://u; proxy_http_version 1.1; proxy_set_header Connection ""; } } }
C
nginx -c "$D/up.conf" -p "$D" & UP=$!
nginx -c "$D/px.conf" -p "$D" & PX=$!
GATEHOUSE_STATUS_LISTEN=off "$LAUNCHER" --proxy-listen 127.0.0.1:18000 --admin-listen 127.0.0.1:18001 \
  --data-dir "$D/data" > "$D/gw.log" 2>&1 & GW=$!
trap 'kill $UP $PX $GW 2>/dev/null; wait 2>/dev/null; rm -rf "$D"' EXIT
a=http://127.0.0.1:18001
for i in $(seq 1 120); do curl -fs "$a/status" >/dev/null && break; sleep 0.5; done
curl -fs -X POST $a/services --data name=bench-svc --data url=http://127.0.0.1:19001 >/dev/null &&
curl -fs -X POST $a/services/bench-svc/routes --data name=bench-rt --data 'paths[]=/' >/dev/null &&
curl -fs -X POST $a/routes/bench-rt/plugins --data name=key-auth --data config.key_names=apiKey >/dev/null &&
curl -fs -X POST $a/consumers --data username=bench >/dev/null &&
curl -fs -X POST $a/consumers/bench/key-auth --data key=123test >/dev/null || { echo "gateway set-up failed"; exit 1; }
# the measurement itself is the mesh module's (one script for both runtimes' CPU per request)
MEASURE=../mesh-runtime/bench/cpu-per-request.sh
measure() { # label port pid...
  local label=$1 port=$2; shift 2
  printf '%-8s ' "$label"; HEADER="apiKey: 123test" DUR=$DUR CONN=$CONN "$MEASURE" "$port" "$@"
}
wrk -t1 -c"$CONN" -d10s -H "apiKey: 123test" http://127.0.0.1:18000/ >/dev/null 2>&1
NGINX=$(pgrep -f "nginx -c $D/px.conf"; pgrep -P $PX)
JVM=$(pgrep -f -- "--data-dir $D/data" | head -1)
for r in $(seq 1 "$ROUNDS"); do
  measure nginx 19004 $NGINX
  measure gateway 18000 $JVM
done
