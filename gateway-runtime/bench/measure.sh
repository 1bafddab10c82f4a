#!/usr/bin/env bash
# Measures, against the packaged jar: start-up time to ready (launch -> first 200 from /status), creating
# 10,000 routes one at a time over HTTP, and a 10,000-route declarative import (POST /config).
# Usage: gateway-runtime/bench/measure.sh   (after: ./gatehouse mvn -f gateway-runtime/pom.xml -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="$(../gatehouse java-home)/bin/java"
JAR=target/gatehouse-gateway.jar
PORT=${PORT:-18301}
export GATEHOUSE_STATUS_LISTEN=off   # no status listener on 8007 (an older jar ignores this)
DATA=$(mktemp -d)
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT

start_ns=$(date +%s%N)
"$JAVA" -jar "$JAR" --admin-listen 127.0.0.1:$PORT --data-dir "$DATA/data" > "$DATA/log" 2>&1 &
PID=$!
until curl -fs -o /dev/null "http://127.0.0.1:$PORT/status"; do sleep 0.01; done
ready_ns=$(date +%s%N)
echo "start-up to ready: $(( (ready_ns - start_ns) / 1000000 )) ms"

"$JAVA" bench/CreateRoutes.java "http://127.0.0.1:$PORT" 10000

python3 - "$DATA/decl.json" <<'PY'
import json, sys
routes = [{"name": f"decl-{i}", "paths": [f"/decl/{i}"], "methods": ["GET"]} for i in range(10000)]
json.dump({"_format_version": "3.0", "services": [{"name": "decl", "host": "decl.test", "routes": routes}]},
          open(sys.argv[1], "w"))
PY
t0=$(date +%s%N)
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
  --data-binary @"$DATA/decl.json" "http://127.0.0.1:$PORT/config")
t1=$(date +%s%N)
echo "declarative import of 10,000 routes ($(( $(stat -c %s "$DATA/decl.json") / 1024 )) KiB JSON): HTTP $code in $(( (t1 - t0) / 1000000 )) ms"
echo "routes now: $(curl -s "http://127.0.0.1:$PORT/routes?size=1" | python3 -c 'import sys,json; print(len(json.load(sys.stdin)["data"]))') on first page; RSS $(ps -o rss= -p $PID) KiB"
