#!/usr/bin/env bash
# Console start (issue 20): from the documented command (./gatehouse console, jar already built) to a window named
# Gatehouse on screen with the embedded sandbox ready (its "sandbox ready" log line), under Xvfb with openbox, RUNS
# times with fresh settings; then the process's RSS after 60 s idle (the last run). Prints one line per run. Run 1 is
# the first start after a build, from the class-data archive the build made (app/target/gatehouse.jsa, see
# app/pom.xml and ./gatehouse). NO_ARCHIVE=1 removes that archive first: run 1 then starts without one and records
# it when it exits (the fallback when the build could not make one), and later runs start from the recorded one.
# APP_IMAGE=DIR measures the packaged app instead: DIR/bin/Gatehouse, DIR being /opt/gatehouse where the Debian package
# is installed (its postinst makes the class-data archive there) or the app-image the installers build makes
# (installers/target/installer/Gatehouse, which has no archive: see installers/pom.xml).
# Needs: apt-get install -y xvfb openbox xdotool x11-utils. Ports 8000, 8001 and 5681 must be free.
#
#   app/bench/console-start.sh [RUNS]        # default 5
#   APP_IMAGE=installers/target/installer/Gatehouse app/bench/console-start.sh [RUNS]
set -u
export GATEHOUSE_STATUS_LISTEN=off
HERE=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=${1:-5}; OUT=${OUT:-/tmp/console-start}
rm -rf "$OUT"; mkdir -p "$OUT"
export DISPLAY=${DISPLAY_NUM:-:96}
if ! xdpyinfo >/dev/null 2>&1; then
  Xvfb "$DISPLAY" -screen 0 1600x1000x24 >/dev/null 2>&1 & XPID=$!
  sleep 1; openbox >/dev/null 2>&1 & OPID=$!
  sleep 1; trap 'kill $OPID $XPID 2>/dev/null' EXIT
fi
if [ -n "${APP_IMAGE:-}" ]; then
  image=$(cd "$APP_IMAGE" && pwd) || exit 2
  [ -x "$image/bin/Gatehouse" ] ||
    { echo "no $image/bin/Gatehouse: ./gatehouse mvn -Pinstallers -DskipTests package"; exit 2; }
  start() { exec "$image/bin/Gatehouse"; }
  process="$image/bin/Gatehouse"
  shared="packaged app, no class archive"
  [ -f "$image/lib/app/gatehouse.jsa" ] && shared="packaged app, class archive"
  first="$shared, first start"
else
  "$HERE/gatehouse" java-home >/dev/null || exit 2
  [ -f "$HERE/app/target/gatehouse.jar" ] || { echo "build first: ./gatehouse mvn -q -DskipTests package"; exit 2; }
  [ "${NO_ARCHIVE:-0}" = 1 ] && rm -f "$HERE/app/target/gatehouse.jsa"
  [ -f "$HERE/app/target/gatehouse.jsa" ] && first="first start after a build, archive from the build" ||
    first="first start, no class archive"
  shared="class archive"
  start() { cd "$HERE" && exec ./gatehouse console; }
  process="app/target/gatehouse.jar"
fi
ms() { echo $(( $(date +%s%N) / 1000000 )); }
for i in $(seq 1 "$RUNS"); do
  run=$OUT/run-$i; mkdir -p "$run/config" "$run/data"
  export GATEHOUSE_CONFIG_DIR=$run/config GATEHOUSE_DATA_DIR=$run/data
  t0=$(ms)
  (start > "$run/console.log" 2>&1) &
  CPID=$!
  win=""; ready=""
  while [ -z "$win" ] || [ -z "$ready" ]; do
    [ -z "$win" ] && xdotool search --onlyvisible --name '^Gatehouse' >/dev/null 2>&1 && win=$(ms)
    [ -z "$ready" ] && grep -q "sandbox ready" "$run/console.log" 2>/dev/null && ready=$(ms)
    [ $(( $(ms) - t0 )) -gt 60000 ] && { echo "run $i: no window or sandbox within 60 s"; break; }
    sleep 0.02
  done
  PID=$(pgrep -f "$process" | head -1)
  usable=$(( (win > ready ? win : ready) - t0 ))
  archive=$([ "$i" = 1 ] && echo "$first" || echo "$shared")
  line="run $i ($archive): usable ${usable} ms (window $(( win - t0 )) ms, sandbox ready $(( ready - t0 )) ms)"
  if [ "$i" = "$RUNS" ]; then
    sleep 60
    line="$line; RSS after 60 s idle $(ps -o rss= -p "$PID" | awk '{printf "%.0f MB", $1/1024}')"
  fi
  grep -q "gatehouse: building" "$run/console.log" && line="$line; NOT a start time: ./gatehouse built first"
  echo "$line" | tee -a "$OUT/results.txt"
  kill "$PID" 2>/dev/null; wait "$CPID" 2>/dev/null; sleep 2
done
