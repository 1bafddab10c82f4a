#!/usr/bin/env bash
# CPU cost per request of running proxies, which loopback noise on a shared machine disturbs far less than rps:
#   mesh-runtime/bench/cpu-per-request.sh PORT PID...
# loads http://127.0.0.1:PORT/ with wrk (1 thread, CONN connections, DUR seconds; HEADER, if set, is sent with every
# request) and prints rps, p99 and the user and system CPU microseconds per request spent by all threads of the given
# processes (from /proc/PID/task/*/stat). gateway-runtime/bench/cpu-per-request.sh measures the gateway with it.
# Example, with the shared bench's HAProxy pair and mesh-pair.sh both running:
#   cpu-per-request.sh 19010 $(pgrep -f 'haproxy -f') ; cpu-per-request.sh 19020 $(pgrep -f 'gatehouse-mesh.jar dataplane')
set -euo pipefail
PORT=$1; shift
DUR=${DUR:-8}; CONN=${CONN:-64}
ticks() { local u=0 s=0 f; for p in "$@"; do for t in /proc/"$p"/task/*; do read -r -a f < "$t/stat" 2>/dev/null || continue; u=$((u + f[13])); s=$((s + f[14])); done; done; echo "$u $s"; }
read -r bu bs < <(ticks "$@")
HEADERS=(); [ -n "${HEADER:-}" ] && HEADERS=(-H "$HEADER")
out=$(wrk -t1 -c"$CONN" -d"${DUR}s" --latency ${HEADERS[@]+"${HEADERS[@]}"} "http://127.0.0.1:$PORT/")
read -r au as < <(ticks "$@")
hz=$(getconf CLK_TCK)
rps=$(echo "$out" | awk '/Requests\/sec/{print $2}'); p99=$(echo "$out" | awk '$1=="99%"{print $2}')
awk -v u=$((au - bu)) -v s=$((as - bs)) -v r="$rps" -v p="$p99" -v d="$DUR" -v hz="$hz" \
  'BEGIN{printf "rps=%s p99=%s user_us_per_req=%.1f sys_us_per_req=%.1f\n", r, p, u*1e6/hz/(r*d), s*1e6/hz/(r*d)}'
