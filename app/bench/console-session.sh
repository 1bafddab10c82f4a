#!/usr/bin/env bash
# The console's memory after a working session (issue 13): started as users start it (./gatehouse console) under
# Xvfb with openbox, idle 60 s, 300 services and routes created through the sandbox's Admin API, the Routes and
# Services pages, three connection switches (sandbox -> a remote gateway -> sandbox -> remote), then RSS, heap and
# a class histogram in OUT. Needs: apt-get install -y xvfb openbox xdotool imagemagick curl x11-utils.
#
#   app/bench/console-session.sh [CHECKOUT] [OUT]     # CHECKOUT defaults to this one, OUT to /tmp/console-session
#
# Switches go through the palette ("Use connection ..."). Consoles older than that palette entry need clicks:
# SWITCH=click with REMOTE_ROW, REMOTE_USE, EMBEDDED_ROW, EMBEDDED_USE as "x y" screen positions (read them off
# a screenshot of the Connections page at 1600x1000). Ports 8000, 8001, 5681, 18000 and 18001 must be free.
set -u
export GATEHOUSE_STATUS_LISTEN=off   # no status listener on 8007 (an older jar ignores this)
HERE=$(cd "$(dirname "$0")/../.." && pwd)
SRC=$(cd "${1:-$HERE}" && pwd); OUT=${2:-/tmp/console-session}; SWITCH=${SWITCH:-palette}
rm -rf "$OUT"; mkdir -p "$OUT/config"
export DISPLAY=${DISPLAY_NUM:-:97}
if ! xdpyinfo >/dev/null 2>&1; then
  Xvfb "$DISPLAY" -screen 0 1600x1000x24 >/dev/null 2>&1 & sleep 1
  openbox >/dev/null 2>&1 & sleep 1
fi
JAVA=$("$HERE/gatehouse" java-home)/bin/java
"$JAVA" -jar "$HERE/gateway-runtime/target/gatehouse-gateway.jar" --admin-listen 127.0.0.1:18001 \
  --proxy-listen 127.0.0.1:18000 --data-dir "$OUT/remote" > "$OUT/remote.log" 2>&1 &
REMOTE=$!
cat > "$OUT/config/connections.json" <<J
{"active":"embedded","profiles":[{"id":"remote-kong","name":"Remote Kong","kind":"REMOTE_KONG",
 "gateway":{"url":"http://127.0.0.1:18001","tokenScheme":"NONE","headers":{},"caFile":null,"skipTlsVerify":false},
 "gatewayProxy":"http://127.0.0.1:18000","mesh":null}]}
J
chmod 600 "$OUT/config/connections.json"
export GATEHOUSE_CONFIG_DIR=$OUT/config GATEHOUSE_DATA_DIR=$OUT/data
(cd "$SRC" && exec ./gatehouse console > "$OUT/console.log" 2>&1) &
until curl -sf http://127.0.0.1:8001/status >/dev/null; do sleep 1; done
PID=$(pgrep -f "gatehouse.jar" | head -1)
rss() { echo "$1 $(ps -o rss= -p "$PID" | awk '{printf "%.0f MB", $1/1024}')" | tee -a "$OUT/rss.txt"; }
sleep 5
WIN=$(xdotool search --name Gatehouse | tail -1)
xdotool windowactivate --sync "$WIN"; xdotool windowmove "$WIN" 0 0; xdotool windowsize "$WIN" 1600 1000
key() { xdotool windowactivate --sync "$WIN" >/dev/null 2>&1; xdotool key "$@"; }
sleep 55; rss "idle-60s"
for i in $(seq -w 1 300); do
  curl -sf -o /dev/null -X POST http://127.0.0.1:8001/services -d name=svc-$i -d url=http://127.0.0.1:9/$i
  curl -sf -o /dev/null -X POST http://127.0.0.1:8001/services/svc-$i/routes -d name=route-$i -d "paths[]=/api/$i"
done
key ctrl+3; sleep 8; key ctrl+2; sleep 8; key ctrl+3; sleep 5
use() {  # $1: the connection's name in the palette; $2, $3: its row and its Use button, for SWITCH=click
  if [ "$SWITCH" = palette ]; then
    key ctrl+k; sleep 1; xdotool type --delay 30 "use connection $1"; sleep 1; key Return
  else
    key ctrl+0; sleep 2; xdotool mousemove $2 click 1; sleep 1; xdotool mousemove $3 click 1
  fi
  sleep 10; key ctrl+3; sleep 5; key ctrl+2; sleep 5
}
use remote "${REMOTE_ROW:-}" "${REMOTE_USE:-}"; rss "switch-1"
use embedded "${EMBEDDED_ROW:-}" "${EMBEDDED_USE:-}"; rss "switch-2"
use remote "${REMOTE_ROW:-}" "${REMOTE_USE:-}"; rss "switch-3"
import -window root "$OUT/after.png"   # the title bar should name "Remote Kong"
sleep 30; rss "after-session+30s"
JCMD=$(dirname "$JAVA")/jcmd
"$JCMD" "$PID" GC.class_histogram > "$OUT/histo.txt" 2>&1   # after a full GC
"$JCMD" "$PID" GC.heap_info > "$OUT/heap.txt" 2>&1
grep -c "NullPointerException" "$OUT/console.log" | sed 's/^/NullPointerException lines in the log: /' | tee -a "$OUT/rss.txt"
kill "$PID" "$REMOTE"; wait 2>/dev/null
