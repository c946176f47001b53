#!/usr/bin/env bash
# Reconnect storm: PUBLISH_CYCLES publish/unpublish cycles spread over STREAMS streams (SRT
# publishers that send about two seconds of TS and hang up), then PLAY_CYCLES connect/disconnect
# cycles of SRT players on a stream that is published all along. Counts the server's threads, file
# descriptors, sockets, RSS, heap after a full GC and direct buffers before and after, checks that
# every publish_started has its publish_stopped, and that the steady stream never stopped.
#
#   bench/fault/reconnect-storm.sh [PUBLISH_CYCLES] [PLAY_CYCLES]     defaults: 1000 1000
#   STREAMS=50 PARALLEL=10 bench/fault/reconnect-storm.sh 200 200         a short run
#
# Exits non-zero when a resource grew past its allowance (threads +5, fds +20, direct buffers
# +8 MiB, heap after GC +10 %) or an event is missing. Needs the project built (./run builds it),
# Debian's ffmpeg, srt-tools, psql, curl and a JDK (jcmd). Everything runs on 127.0.0.1: HTTP
# 8080+PORT_OFFSET (26080), PostgreSQL DB_PORT (26432), SRT BASE_PORT+1.. (26101..) for the
# stormed streams, BASE_PORT+100 and +101 for the steady stream's publisher and players.
set -euo pipefail

PUBLISH_CYCLES=${1:-1000}
PLAY_CYCLES=${2:-1000}
STREAMS=${STREAMS:-50}
PARALLEL=${PARALLEL:-10}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bench/tools.sh"
need_tools srt-live-transmit:srt-tools ffmpeg:ffmpeg psql:postgresql-client curl:curl jcmd:openjdk-17-jdk-headless
WORK=${BENCH_WORK:-$ROOT/bench/fault/work}
PORT_OFFSET=${PORT_OFFSET:-18000}
HTTP=http://127.0.0.1:$((8080 + PORT_OFFSET))
API=$HTTP/streamer/api/v3
DB_PORT=${DB_PORT:-26432}
BASE_PORT=${BASE_PORT:-26100}
STEADY_IN=$((BASE_PORT + 100)) STEADY_OUT=$((BASE_PORT + 101))
ADMIN_PASSWORD=bench-admin-password
PSQL=(psql -h 127.0.0.1 -p "$DB_PORT" -U postgres -d media -qAtX)
export PGPASSWORD=postgres

(( STREAMS >= 1 && STREAMS < 100 )) || { echo "STREAMS must be 1..99" >&2; exit 2; }
say() { printf '[storm] %s\n' "$*" >&2; }
others=()
cleanup() {
  trap - EXIT INT TERM
  local p; for p in "${others[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "${RUN_PID:-}" ] && kill -TERM "$RUN_PID" 2>/dev/null && wait "$RUN_PID" 2>/dev/null || true
}
trap cleanup EXIT INT TERM
api() { curl -sf -u "admin:$ADMIN_PASSWORD" -X "$1" -H 'Content-Type: application/json' ${3:+--data "$3"} "$API$2"; }
wildfly_pid() { pgrep -f "jboss.server.base.dir=$WORK/var/wildfly" | while read -r p; do
  grep -q java "/proc/$p/comm" 2>/dev/null && echo "$p"; done | head -n1; }
metric() { server_metric "$HTTP" "$ADMIN_PASSWORD" "$1"; }
snapshot() { # threads fds sockets rss_kib heap_after_gc_bytes direct_bytes
  jcmd "$JVM" GC.run >/dev/null
  sleep 2
  local heap
  heap=$(metric 'jvm_memory_used_bytes{area="heap"}')
  echo "$(ls "/proc/$JVM/task" | wc -l) $(ls "/proc/$JVM/fd" | wc -l)" \
    "$(find "/proc/$JVM/fd" -lname 'socket:*' 2>/dev/null | wc -l)" \
    "$(awk '/VmRSS/ { print $2 }' "/proc/$JVM/status")" "${heap%.*}" \
    "$(metric 'jvm_buffer_pool_used_bytes{pool="direct"}' | cut -d. -f1)"
}
publish_cycle() { # $1: the cycle's number
  local i=$(( $1 % STREAMS + 1 ))
  # through a pipe (srt-live-transmit cannot poll a regular file); it stays after the end of its
  # input, so the timeout is the unpublish
  cat "$CHUNK" | timeout 3 srt-live-transmit -q file://con "srt://127.0.0.1:$((BASE_PORT + i))" >/dev/null 2>&1 || true
}
play_cycle() {
  timeout 1 srt-live-transmit -q "srt://127.0.0.1:$STEADY_OUT" file://con >/dev/null 2>&1 || true
}
export -f publish_cycle play_cycle
export STREAMS BASE_PORT STEADY_OUT

mkdir -p "$WORK"
rm -rf "$WORK/var" "$WORK/run.log"
FIXTURE=$WORK/input-4500k.ts
make_input "$FIXTURE" 4400 4600
CHUNK=$WORK/chunk.ts
head -c $((188 * 6000)) "$FIXTURE" >"$CHUNK" # about two seconds of the stream
export CHUNK

say "starting the server"
OPENSTREAMER_VAR=$WORK/var PORT_OFFSET=$PORT_OFFSET DB_PORT=$DB_PORT ADMIN_PASSWORD=$ADMIN_PASSWORD \
  "$ROOT/run" >>"$WORK/run.log" 2>&1 &
RUN_PID=$!
for _ in $(seq 600); do grep -q "OpenStreamer is running" "$WORK/run.log" && break; sleep 0.5; done
grep -q "OpenStreamer is running" "$WORK/run.log" || { tail -30 "$WORK/run.log"; exit 1; }
JVM=$(wildfly_pid)
[ -n "$JVM" ] || { say "no WildFly JVM found"; exit 1; }

for i in $(seq "$STREAMS"); do
  api PUT "/streams/storm-$i" "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":$((BASE_PORT + i))}}" >/dev/null
done
api PUT /streams/storm-steady "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":$STEADY_IN},\"srt_play\":{\"port\":$STEADY_OUT}}" >/dev/null
ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i "$FIXTURE" -c copy -f mpegts "srt://127.0.0.1:$STEADY_IN" &
others+=($!)
for _ in $(seq 60); do api GET /streams/storm-steady | grep -q '"status":"publishing"' && break; sleep 0.5; done
START=$("${PSQL[@]}" -c "SELECT now()")

say "warming up: $STREAMS publish and 20 play cycles (pools and caches fill once)"
seq 0 $((STREAMS - 1)) | xargs -P "$PARALLEL" -I{} bash -c 'publish_cycle {}'
seq 20 | xargs -P "$PARALLEL" -I{} bash -c 'play_cycle'
sleep 10
read -r T0 F0 S0 R0 H0 D0 <<<"$(snapshot)"

say "$PUBLISH_CYCLES publish/unpublish cycles over $STREAMS streams, $PARALLEL at a time"
t=$SECONDS
seq "$STREAMS" $((STREAMS + PUBLISH_CYCLES - 1)) | xargs -P "$PARALLEL" -I{} bash -c 'publish_cycle {}'
PUBLISH_SECONDS=$((SECONDS - t))
say "$PLAY_CYCLES connect/disconnect cycles of SRT players, $PARALLEL at a time"
t=$SECONDS
seq "$PLAY_CYCLES" | xargs -P "$PARALLEL" -I{} bash -c 'play_cycle'
PLAY_SECONDS=$((SECONDS - t))
sleep 15 # sessions close, the last publish_stopped events are written
read -r T1 F1 S1 R1 H1 D1 <<<"$(snapshot)"

counts=$("${PSQL[@]}" -F ' ' -c "SELECT count(*) FILTER (WHERE type = 'publish_started'),
    count(*) FILTER (WHERE type = 'publish_stopped'), count(*) FILTER (WHERE type = 'play_started'),
    count(*) FILTER (WHERE type = 'play_stopped') FROM events
  WHERE occurred_at >= '$START' AND stream LIKE 'storm-%' AND stream <> 'storm-steady'
     OR occurred_at >= '$START' AND stream = 'storm-steady' AND type LIKE 'play_%'")
read -r PUB_STARTED PUB_STOPPED PLAY_STARTED PLAY_STOPPED <<<"$counts"
STEADY_STOPS=$("${PSQL[@]}" -c "SELECT count(*) FROM events WHERE occurred_at >= '$START'
  AND stream = 'storm-steady' AND type IN ('publish_stopped', 'source_lost')")
REFUSED=$(grep -c "refused\|rejected" "$WORK/var/wildfly/log/server.log" 2>/dev/null || true)
alive=$(api GET /streams/storm-steady | grep -c '"status":"publishing"' || true)

echo
echo "== Reconnect storm: $PUBLISH_CYCLES publish cycles over $STREAMS streams ($PUBLISH_SECONDS s), $PLAY_CYCLES play cycles ($PLAY_SECONDS s) =="
printf '%-28s %12s %12s %10s\n' "" before after growth
printf '%-28s %12d %12d %+10d\n' threads "$T0" "$T1" $((T1 - T0)) "file descriptors" "$F0" "$F1" $((F1 - F0)) \
  sockets "$S0" "$S1" $((S1 - S0))
printf '%-28s %12.1f %12.1f %+10.1f\n' "RSS (MiB)" "$(echo "$R0 / 1024" | bc -l)" "$(echo "$R1 / 1024" | bc -l)" \
  "$(echo "($R1 - $R0) / 1024" | bc -l)" "heap after GC (MiB)" "$(echo "$H0 / 1048576" | bc -l)" \
  "$(echo "$H1 / 1048576" | bc -l)" "$(echo "($H1 - $H0) / 1048576" | bc -l)" \
  "direct buffers (MiB)" "$(echo "$D0 / 1048576" | bc -l)" "$(echo "$D1 / 1048576" | bc -l)" \
  "$(echo "($D1 - $D0) / 1048576" | bc -l)"
echo "events: publish_started $PUB_STARTED, publish_stopped $PUB_STOPPED; play_started $PLAY_STARTED, play_stopped $PLAY_STOPPED"
echo "steady stream: $STEADY_STOPS stops or losses during the storm, publishing at the end: $([ "$alive" -ge 1 ] && echo yes || echo no)"
echo "log lines with refused/rejected (a cycle that met the previous one still connected): $REFUSED"

fail=0
check() { if eval "$2"; then echo "  ok      $1"; else echo "  FAILED  $1"; fail=1; fi; }
check "threads grew by at most 5" "(( T1 - T0 <= 5 ))"
check "file descriptors grew by at most 20" "(( F1 - F0 <= 20 ))"
check "direct buffers grew by at most 8 MiB" "(( D1 - D0 <= 8 * 1048576 ))"
check "heap after GC grew by at most 10 %" "(( H1 <= H0 + H0 / 10 ))"
check "every publish_started has its publish_stopped" "(( PUB_STARTED == PUB_STOPPED && PUB_STARTED > 0 ))"
check "every play_started has its play_stopped" "(( PLAY_STARTED == PLAY_STOPPED && PLAY_STARTED > 0 ))"
check "the steady stream never stopped" "(( STEADY_STOPS == 0 && alive >= 1 ))"
exit "$fail"
