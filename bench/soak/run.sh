#!/usr/bin/env bash
# Soak: for MINUTES, SRT_PUBLISHERS SRT and RTMP_PUBLISHERS RTMP publishers (ffmpeg, a looped
# 30 s file), each stream recorded (DVR with a short depth, so retention deletes while it runs),
# VIEWERS HLS viewers spread over the streams (bench/hls-egress/HlsViewers.java, every viewer
# fetches every media sequence from its join on), and API_CLIENTS clients changing stream settings
# (title, meta, max_sessions, DVR depth) and creating/deleting a scratch stream in a loop.
#
#   bench/soak/run.sh MINUTES                                      20 publishers, 200 viewers
#   SRT_PUBLISHERS=4 RTMP_PUBLISHERS=2 VIEWERS=40 bench/soak/run.sh 3  a small run
#
# The load runs WARMUP (180) s before the first count of the server's resources (after a full GC),
# then MINUTES more, counted each minute under the same load. Checks, each printed ok/FAILED (exit
# 1 if one fails): 0 missed segments and 0 HTTP/IO errors for the viewers (warm-up included); RSS
# and heap after GC within GROWTH_PCT (10) % of the first count; threads within +THREAD_SLACK (5)
# and file descriptors within +FD_SLACK (20); every API request answered 2xx; every stream still publishing; DVR files written and
# retention deleting (when the run outlasts DVR_DEPTH); no ERROR/SEVERE line in the server log
# beyond EXPECTED_LOG (an extended regex of the expected ones).
# Everything runs on 127.0.0.1: HTTP 8080+PORT_OFFSET (27080), PostgreSQL DB_PORT (27432), SRT
# BASE_PORT+1.. (27101..), RTMP 1935+PORT_OFFSET (20935). Needs ffmpeg, psql, curl and a JDK (jcmd).
set -euo pipefail

MINUTES=${1:?usage: bench/soak/run.sh MINUTES}
SRT_PUBLISHERS=${SRT_PUBLISHERS:-16}
RTMP_PUBLISHERS=${RTMP_PUBLISHERS:-4}
VIEWERS=${VIEWERS:-200}
API_CLIENTS=${API_CLIENTS:-2}
WARMUP=${WARMUP:-180}             # seconds of full load before the first resource count
DVR_DEPTH=${DVR_DEPTH:-60}        # seconds of archive kept: retention deletes from the second minute on
GROWTH_PCT=${GROWTH_PCT:-10}
THREAD_SLACK=${THREAD_SLACK:-5}
FD_SLACK=${FD_SLACK:-20}
EXPECTED_LOG=${EXPECTED_LOG:-'^$'}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bench/tools.sh"
need_tools ffmpeg:ffmpeg psql:postgresql-client curl:curl jcmd:openjdk-17-jdk-headless java:openjdk-17-jdk-headless
WORK=${BENCH_WORK:-$ROOT/bench/soak/work}
PORT_OFFSET=${PORT_OFFSET:-19000}
HTTP_PORT=$((8080 + PORT_OFFSET))
HTTP=http://127.0.0.1:$HTTP_PORT
API=$HTTP/streamer/api/v3
DB_PORT=${DB_PORT:-27432}
BASE_PORT=${BASE_PORT:-27100}
RTMP_PORT=$((1935 + PORT_OFFSET)) # the server's RTMP port moves with PORT_OFFSET, as HTTP does
ADMIN_PASSWORD=bench-admin-password
PSQL=(psql -h 127.0.0.1 -p "$DB_PORT" -U postgres -d media -qAtX)
export PGPASSWORD=postgres
STREAMS=$((SRT_PUBLISHERS + RTMP_PUBLISHERS))
SECONDS_TOTAL=$((MINUTES * 60))

(( STREAMS >= 1 && STREAMS < 100 )) || { echo "1..99 publishers in all" >&2; exit 2; }
say() { printf '[soak] %s\n' "$*" >&2; }
others=()
cleanup() {
  trap - EXIT INT TERM
  local p; for p in "${others[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "${RUN_PID:-}" ] && kill -TERM "$RUN_PID" 2>/dev/null && wait "$RUN_PID" 2>/dev/null || true
}
trap cleanup EXIT INT TERM
api() { # METHOD PATH [BODY]: the answer; fails, saying why, unless 2xx
  local out
  out=$(curl -s -m 20 -w '\n%{http_code}' -u "admin:$ADMIN_PASSWORD" -X "$1" -H 'Content-Type: application/json' \
    ${3:+--data "$3"} "$API$2") || { say "$1 $2: no answer"; return 1; }
  [[ ${out##*$'\n'} == 2* ]] || { say "$1 $2: HTTP ${out##*$'\n'} ${out%$'\n'*}"; return 1; }
  printf '%s\n' "${out%$'\n'*}"
}
wildfly_pid() { pgrep -f "jboss.server.base.dir=$WORK/var/wildfly" | while read -r p; do
  grep -q java "/proc/$p/comm" 2>/dev/null && echo "$p"; done | head -n1; }
metric() { server_metric "$HTTP" "$ADMIN_PASSWORD" "$1"; }
snapshot() { # threads fds rss_kib heap_after_gc_bytes
  jcmd "$JVM" GC.run >/dev/null
  sleep 2
  local heap
  heap=$(metric 'jvm_memory_used_bytes{area="heap"}')
  echo "$(ls "/proc/$JVM/task" | wc -l) $(ls "/proc/$JVM/fd" | wc -l)" \
    "$(awk '/VmRSS/ { print $2 }' "/proc/$JVM/status")" "${heap%.*}"
}
stream_body() { # $1 stream number, $2 variant: the settings the API clients change
  local i=$1 v=$2 in
  if (( i <= SRT_PUBLISHERS )); then
    in="\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":$((BASE_PORT + i))}"
  else
    in="\"inputs\":[{\"url\":\"publish://\"}]"
  fi
  echo "{$in,\"title\":\"soak $i v$v\",\"meta\":{\"v\":$v},\"max_sessions\":$((1000 + v % 7)),\"segment_duration\":2,\"segment_count\":6,\"dvr\":{\"root\":\"$WORK/dvr\",\"depth\":$((DVR_DEPTH + v % 2 * 10))}}"
}

mkdir -p "$WORK"
rm -rf "$WORK/var" "$WORK/dvr" "$WORK/run.log" "$WORK"/api-*.log
mkdir -p "$WORK/dvr"
FIXTURE=$WORK/input-1500k.ts
make_input "$FIXTURE" 1300 1500

say "starting the server"
OPENSTREAMER_VAR=$WORK/var PORT_OFFSET=$PORT_OFFSET DB_PORT=$DB_PORT ADMIN_PASSWORD=$ADMIN_PASSWORD \
  "$ROOT/run" >>"$WORK/run.log" 2>&1 &
RUN_PID=$!
for _ in $(seq 600); do grep -q "OpenStreamer is running" "$WORK/run.log" && break; sleep 0.5; done
grep -q "OpenStreamer is running" "$WORK/run.log" || { tail -30 "$WORK/run.log"; exit 1; }
JVM=$(wildfly_pid)
[ -n "$JVM" ] || { say "no WildFly JVM found"; exit 1; }
LOG=$WORK/var/wildfly/log/server.log
LOG_START=$(wc -l <"$LOG")

for i in $(seq "$STREAMS"); do api PUT "/streams/soak-$i" "$(stream_body "$i" 0)" >/dev/null; done
for i in $(seq "$STREAMS"); do
  if (( i <= SRT_PUBLISHERS )); then
    out="srt://127.0.0.1:$((BASE_PORT + i))" fmt=mpegts
  else
    out="rtmp://127.0.0.1:$RTMP_PORT/static/soak-$i" fmt=flv
  fi
  ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i "$FIXTURE" -c copy -f "$fmt" "$out" \
    >"$WORK/publisher-$i.log" 2>&1 &
  others+=($!)
done
playlists=()
for i in $(seq "$STREAMS"); do playlists+=("/soak-$i/index.m3u8"); done
for _ in $(seq 60); do
  n=0; for i in $(seq "$STREAMS"); do
    curl -sf -o /dev/null "$HTTP/soak-$i/index.m3u8" && n=$((n + 1)); done
  (( n == STREAMS )) && break; sleep 1
done
(( n == STREAMS )) || { say "only $n of $STREAMS streams have a playlist"; exit 1; }

say "$STREAMS publishers ($SRT_PUBLISHERS SRT, $RTMP_PUBLISHERS RTMP), $VIEWERS HLS viewers, $API_CLIENTS API clients:" \
  "$WARMUP s of warm-up (pools, caches and the JIT fill once), then $MINUTES min measured"
RUN_SECONDS=$((WARMUP + SECONDS_TOTAL + 15)) # the load goes on past the second count
api_client() { # $1 client number: until the deadline, change a stream's settings, read it back, churn a scratch stream
  local c=$1 v=0 i code ok=0 bad=0 end=$((SECONDS + RUN_SECONDS))
  while (( SECONDS < end )); do
    v=$((v + 1)) i=$(( (v * API_CLIENTS + c) % STREAMS + 1 ))
    for req in "PUT /streams/soak-$i $(stream_body "$i" "$v")" "GET /streams/soak-$i" "GET /streams" \
               "PUT /streams/scratch-$c {\"inputs\":[{\"url\":\"publish://\"}],\"title\":\"$v\"}" "DELETE /streams/scratch-$c"; do
      read -r m path body <<<"$req"
      code=$(curl -s -m 20 -o /dev/null -w '%{http_code}' -u "admin:$ADMIN_PASSWORD" -X "$m" \
        -H 'Content-Type: application/json' ${body:+--data "$body"} "$API$path" || true)
      if [[ $code == 2* ]]; then ok=$((ok + 1)); else bad=$((bad + 1)); echo "$m $path: $code" >>"$WORK/api-$c.log"; fi
    done
    sleep 2
  done
  echo "$ok $bad" >"$WORK/api-$c.result"
}
for c in $(seq "$API_CLIENTS"); do api_client "$c" & others+=($!); done
api_pids=("${others[@]: -$API_CLIENTS}")
timeout $((RUN_SECONDS + 120)) java -XX:+UseSerialGC -Xmx256m "$ROOT/bench/hls-egress/HlsViewers.java" \
  127.0.0.1 "$HTTP_PORT" "$(IFS=,; echo "${playlists[*]}")" "$VIEWERS" "$RUN_SECONDS" 20 >"$WORK/viewers.txt" 2>&1 &
viewers_pid=$!
others+=("$viewers_pid") # stopped by cleanup too if the script ends early
sleep "$WARMUP"
read -r T0 F0 R0 H0 <<<"$(snapshot)"
START=$("${PSQL[@]}" -c "SELECT now()")
: >"$WORK/samples.txt"
for ((m = 1; m <= MINUTES; m++)); do # one line a minute: threads fds rss_kib heap_after_gc
  sleep 55
  snapshot >>"$WORK/samples.txt"
done
read -r T1 F1 R1 H1 < <(tail -n1 "$WORK/samples.txt")
wait "$viewers_pid" || { cat "$WORK/viewers.txt" >&2; say "the viewers client failed"; }
wait "${api_pids[@]}" 2>/dev/null || true

result=$(grep '^RESULT ' "$WORK/viewers.txt" || echo "RESULT missing=1")
declare -A V
for kv in ${result#RESULT }; do V[${kv%%=*}]=${kv#*=}; done
api_ok=0 api_bad=0
for c in $(seq "$API_CLIENTS"); do read -r o b <"$WORK/api-$c.result" || { o=0; b=1; }; api_ok=$((api_ok + o)); api_bad=$((api_bad + b)); done
publishing=0
for i in $(seq "$STREAMS"); do api GET "/streams/soak-$i" | grep '"status":"publishing"' >/dev/null && publishing=$((publishing + 1)); done
events=$("${PSQL[@]}" -F ' ' -c "SELECT count(*) FILTER (WHERE type = 'dvr_deleted_fragments'),
    count(*) FILTER (WHERE type = 'dvr_write_failed'), count(*) FILTER (WHERE type = 'publish_stopped' AND stream LIKE 'soak-%')
  FROM events WHERE occurred_at >= '$START'")
read -r RET_EVENTS DVR_FAILED PUB_STOPPED <<<"$events"
dvr_files=$(find "$WORK/dvr" -name '*.ts' | wc -l)
errors=$(tail -n +"$((LOG_START + 1))" "$LOG" | grep -E ' (ERROR|SEVERE) ' | grep -Ev "$EXPECTED_LOG" || true)
error_count=$(printf '%s' "$errors" | grep -c . || true)
load=$(cut -d' ' -f1-3 /proc/loadavg)

pct() { echo "scale=1; ($2 - $1) * 100 / $1" | bc -l; }
echo
echo "== Soak: $MINUTES min, $STREAMS publishers ($SRT_PUBLISHERS SRT, $RTMP_PUBLISHERS RTMP), $VIEWERS HLS viewers, $API_CLIENTS API clients (load average at the end: $load) =="
printf '%-22s %12s %12s %10s\n' "" after-warm-up "after $MINUTES min" growth
printf '%-22s %12d %12d %+10d\n' threads "$T0" "$T1" $((T1 - T0)) "file descriptors" "$F0" "$F1" $((F1 - F0))
printf '%-22s %12.1f %12.1f %+9.1f%%\n' "RSS (MiB)" "$(echo "$R0 / 1024" | bc -l)" "$(echo "$R1 / 1024" | bc -l)" "$(pct "$R0" "$R1")" \
  "heap after GC (MiB)" "$(echo "$H0 / 1048576" | bc -l)" "$(echo "$H1 / 1048576" | bc -l)" "$(pct "$H0" "$H1")"
echo "each minute (threads fds RSS-MiB heap-after-GC-MiB): $(awk '{ printf "%s[%d %d %.0f %.0f]", (NR > 1 ? " " : ""), $1, $2, $3 / 1024, $4 / 1048576 }' "$WORK/samples.txt")"
grep -v '^RESULT' "$WORK/viewers.txt" | head -20
echo "API requests: $api_ok answered 2xx, $api_bad not (see $WORK/api-*.log)"
echo "streams publishing at the end: $publishing of $STREAMS; publish_stopped events: $PUB_STOPPED"
echo "DVR: $dvr_files segment files on disk, $RET_EVENTS dvr_deleted_fragments events, $DVR_FAILED dvr_write_failed"
echo "server log: $error_count unexpected ERROR/SEVERE lines"
[ -n "$errors" ] && printf '%s\n' "$errors" | head -10

fail=0
check() { if eval "$2"; then echo "  ok      $1"; else echo "  FAILED  $1"; fail=1; fi; }
check "every viewer saw every media sequence (missed ${V[missed]:-?})" "[ '${V[missed]:-x}' = 0 ] && (( ${V[segments]:-0} > 0 ))"
check "no HTTP or IO error for the viewers (${V[http_errors]:-?} HTTP, ${V[io_errors]:-?} IO)" "[ '${V[http_errors]:-x}' = 0 ] && [ '${V[io_errors]:-x}' = 0 ]"
check "RSS within $GROWTH_PCT %" "(( R1 * 100 <= R0 * (100 + GROWTH_PCT) ))"
check "heap after GC within $GROWTH_PCT %" "(( H1 * 100 <= H0 * (100 + GROWTH_PCT) ))"
check "threads grew by at most $THREAD_SLACK" "(( T1 - T0 <= THREAD_SLACK ))"
check "file descriptors grew by at most $FD_SLACK" "(( F1 - F0 <= FD_SLACK ))"
check "every API request answered 2xx" "(( api_bad == 0 && api_ok > 0 ))"
check "every stream still publishing, none stopped" "(( publishing == STREAMS && PUB_STOPPED == 0 ))"
check "the DVR recorded (no write failure)" "(( dvr_files > 0 && DVR_FAILED == 0 ))"
(( SECONDS_TOTAL > DVR_DEPTH + 90 )) && check "retention deleted old segments" "(( RET_EVENTS > 0 ))"
check "no unexpected ERROR/SEVERE in the server log" "(( error_count == 0 ))"
exit "$fail"
