#!/usr/bin/env bash
# CPU cost per request of running proxies, which loopback noise on a shared machine disturbs far less than rps:
#   mesh-runtime/bench/cpu-per-request.sh PORT PID...
# loads http://127.0.0.1:PORT/ with wrk (1 thread, CONN connections, DUR seconds; HEADER, if set, is sent with every
# request) and prints rps, p99 and the user and system CPU microseconds per request spent by all threads of the given
# processes (from /proc/PID/task/*/stat). gateway-runtime/bench/cpu-per-request.sh measures the gateway with it.
# Two more figures show whether the kernel's share can shrink: segs_per_req, the TCP segments the whole machine sent
# per request (/proc/net/snmp, every process: a proxy's minimum is 4 on loopback, client -> proxy -> upstream and back;
# a sidecar pair's is 6), and syscalls_per_req, the given processes' system calls per request (perf stat on the
# raw_syscalls:sys_enter tracepoint; "?" when perf is missing or not allowed to trace).
# Example, with the shared bench's HAProxy pair and mesh-pair.sh both running:
#   cpu-per-request.sh 19010 $(pgrep -f 'haproxy -f') ; cpu-per-request.sh 19020 $(pgrep -f 'gatehouse-mesh.jar dataplane')
set -euo pipefail
PORT=$1; shift
DUR=${DUR:-8}; CONN=${CONN:-64}
ticks() { local u=0 s=0 f; for p in "$@"; do for t in /proc/"$p"/task/*; do read -r -a f < "$t/stat" 2>/dev/null || continue; u=$((u + f[13])); s=$((s + f[14])); done; done; echo "$u $s"; }
# the Tcp OutSegs counter, found by its name in /proc/net/snmp's header line
outsegs() { awk '/^Tcp:/{ if (!h) { for (i = 1; i <= NF; i++) if ($i == "OutSegs") c = i; h = 1 } else print $c }' /proc/net/snmp; }
PERF_OUT=$(mktemp); PERF=""
if command -v perf >/dev/null; then
  perf stat -x, -e raw_syscalls:sys_enter -p "$(echo "$@" | tr ' ' ,)" -o "$PERF_OUT" -- sleep "$DUR" 2>/dev/null &
  PERF=$!
fi
read -r bu bs < <(ticks "$@")
bsegs=$(outsegs)
HEADERS=(); [ -n "${HEADER:-}" ] && HEADERS=(-H "$HEADER")
out=$(wrk -t1 -c"$CONN" -d"${DUR}s" --latency ${HEADERS[@]+"${HEADERS[@]}"} "http://127.0.0.1:$PORT/")
read -r au as < <(ticks "$@")
asegs=$(outsegs)
calls=""
if [ -n "$PERF" ]; then
  wait "$PERF" 2>/dev/null || true
  calls=$(awk -F, '/raw_syscalls:sys_enter/ && $1 ~ /^[0-9]+$/ {print $1}' "$PERF_OUT")
fi
rm -f "$PERF_OUT"
hz=$(getconf CLK_TCK)
rps=$(echo "$out" | awk '/Requests\/sec/{print $2}'); p99=$(echo "$out" | awk '$1=="99%"{print $2}')
awk -v u=$((au - bu)) -v s=$((as - bs)) -v r="$rps" -v p="$p99" -v d="$DUR" -v hz="$hz" -v g=$((asegs - bsegs)) \
  -v c="$calls" 'BEGIN{printf "rps=%s p99=%s user_us_per_req=%.1f sys_us_per_req=%.1f segs_per_req=%.2f syscalls_per_req=%s\n",
    r, p, u*1e6/hz/(r*d), s*1e6/hz/(r*d), g/(r*d), (c == "" ? "?" : sprintf("%.2f", c/(r*d)))}'
