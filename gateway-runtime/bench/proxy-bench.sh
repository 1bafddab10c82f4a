#!/usr/bin/env bash
# The shared proxy benchmark (../shared/bench/proxy-vs-nginx.sh) against this module's jar.
# Usage: gateway-runtime/bench/proxy-bench.sh            (GW_JAVA_OPTS, DUR, CONN are passed through)
# Needs: apt-get install -y nginx-light haproxy wrk openssl curl
set -euo pipefail
cd "$(dirname "$0")/.."
GH=../gatehouse
"$GH" mvn -q -f gateway-runtime/pom.xml -DskipTests package
LAUNCHER="$(pwd)/target/gatehouse-gateway"
DATA=$(mktemp -d /tmp/gw-bench.XXXX)
trap 'rm -rf "$DATA"' EXIT
export GATEHOUSE_STATUS_LISTEN=off   # no status listener on 8007 (an older jar ignores this)
# The gateway starts as the README documents it (target/gatehouse-gateway, the launcher with its JVM options): speed
# is measured as users get it. GW_JAVA_OPTS adds options after the launcher's, for experiments (not for reported
# figures).
export GATEHOUSE_GATEWAY_JAVA_OPTS=${GW_JAVA_OPTS:-}
export GW_CMD="$LAUNCHER --proxy-listen 127.0.0.1:18000 --admin-listen 127.0.0.1:18001 --data-dir $DATA/data"
# sample the gateway's resident memory while the benchmark runs
( max=0; while sleep 0.5; do
    pid=$(pgrep -f -- "--data-dir $DATA/data" | head -1) || true
    [ -n "${pid:-}" ] || { [ "$max" -gt 0 ] && break; continue; }
    rss=$(awk '/VmRSS/{print $2}' /proc/$pid/status 2>/dev/null || echo 0)
    [ "${rss:-0}" -gt "$max" ] && max=$rss && echo "$max" > "$DATA/rss"
  done ) &
SAMPLER=$!
../../shared/bench/proxy-vs-nginx.sh
kill $SAMPLER 2>/dev/null || true
[ -f "$DATA/rss" ] && echo "gateway peak RSS: $(( $(cat "$DATA/rss") / 1024 )) MB"
