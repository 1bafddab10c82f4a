#!/usr/bin/env bash
# Two gateway jars head to head (a regression check, e.g. the last landing against this checkout): the same nginx
# upstream as the shared bench (proxy-bench.sh), both started as documented and warmed 10 s, then alternating 8 s wrk runs
# with key-auth. Prints new/old rps per round. Needs nginx and wrk.
#   gateway-runtime/bench/head-to-head.sh OLD.jar NEW.jar      (ROUNDS=6)
set -u
OLD=$(realpath "$1"); NEW=$(realpath "$2"); ROUNDS=${ROUNDS:-6}
HERE=$(cd "$(dirname "$0")" && pwd)
JAVA=$("$HERE/../../gatehouse" java-home)/bin/java
D=$(mktemp -d /tmp/ab.XXXX); cd $D
OPTS=${GW_JAVA_OPTS:-}   # none by default: both start as the README documents
export GATEHOUSE_STATUS_LISTEN=off   # no status listener on 8007 (an older jar ignores this)
cat > up.conf <<C
worker_processes 1; daemon off; pid $D/up.pid; error_log $D/up.err;
events { worker_connections 4096; }
http { access_log off; server { listen 127.0.0.1:19001 reuseport backlog=4096;
  location / { return 200 '{"counter":1}'; } } }
C
nginx -c $D/up.conf -p $D & UP=$!
$JAVA $OPTS -jar $OLD --proxy-listen 127.0.0.1:18000 --admin-listen 127.0.0.1:18001 --data-dir $D/old > old.log 2>&1 & A=$!
$JAVA $OPTS -jar $NEW --proxy-listen 127.0.0.1:28000 --admin-listen 127.0.0.1:28001 --data-dir $D/new > new.log 2>&1 & B=$!
for adm in 18001 28001; do
  for i in $(seq 120); do curl -fs http://127.0.0.1:$adm/status >/dev/null && break; sleep 0.5; done
  curl -fs -o /dev/null http://127.0.0.1:$adm/services -d name=s -d url=http://127.0.0.1:19001
  curl -fs -o /dev/null http://127.0.0.1:$adm/services/s/routes -d name=r -d 'paths[]=/'
  curl -fs -o /dev/null http://127.0.0.1:$adm/routes/r/plugins -d name=key-auth -d config.key_names=apiKey
  curl -fs -o /dev/null http://127.0.0.1:$adm/consumers -d username=u
  curl -fs -o /dev/null http://127.0.0.1:$adm/consumers/u/key-auth -d key=123test
done
sleep 1
for p in 18000 28000; do wrk -t1 -c64 -d10s -H "apiKey: 123test" http://127.0.0.1:$p/ >/dev/null 2>&1; done
rps() { wrk -t1 -c64 -d8s --latency -H "apiKey: 123test" http://127.0.0.1:$1/ 2>&1 | awk '/Requests\/sec/{r=$2} / 99%/{p=$2} /Non-2xx/{n=$NF} END{printf "%s p99=%s non2xx=%s", r, p, (n==""?0:n)}'; }
for i in $(seq $ROUNDS); do
  a=$(rps 18000); b=$(rps 28000)
  echo "round $i old=$a new=$b ratio=$(awk -v x="${b%% *}" -v y="${a%% *}" 'BEGIN{printf "%.2f", x/y}')"
done
kill $A $B $UP; wait 2>/dev/null; rm -rf $D
