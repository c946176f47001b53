#!/usr/bin/env bash
# Playback authorization benchmark: one live stream published over SRT into OpenStreamer, measured in
# one run without and then with an on_play backend (bench/auth/backend.py, which answers 200 after
# BACKEND_DELAY_MS and sends X-AuthDuration: AUTH_DURATION):
#   1. wrk against the live playlist and one segment: req/s, p50/p99 and the server's CPU per
#      request, without a token on the open stream, then with one token (an open session) on the
#      protected one; the ratio on/off (target >= 0.9);
#   2. VIEWERS HLS viewers (bench/hls-egress/HlsViewers.java), each with its own token when auth is
#      on, following the stream for FOLLOW_SECONDS: errors, segments, late segments, and the backend
#      calls per session (target: 1 + one per AUTH_DURATION re-check, never one per request);
#   3. the API login cost: bench/api-auth/run.sh (the first request runs bcrypt, the next ones hit
#      the verified-credential cache).
#
#   bench/auth/run.sh
#   DURATION=5s VIEWERS=1000 FOLLOW_SECONDS=30 bench/auth/run.sh     the short run of docs/benchmarks.md
#
# Settings (environment): DURATION (10s) and WARMUP (3s) of each wrk run, THREADS (2), CONNECTIONS (50),
# VIEWERS (1000), FOLLOW_SECONDS (40), SPREAD_SECONDS (5), AUTH_DURATION (10 s), BACKEND_DELAY_MS (1).
# The machine may be shared: the defaults keep a run near 4 minutes; figures from a loaded machine
# are noisy, so compare on/off of the same run, not runs with each other.
#
# Needs the project built (./run builds it), wrk, ffmpeg (with ffprobe), curl, python3 and a JDK 17.
# Everything runs on 127.0.0.1: HTTP 8080+PORT_OFFSET (25080), management MANAGEMENT_PORT+PORT_OFFSET,
# PostgreSQL DB_PORT (25532), SRT SRT_PORT (25101, UDP), the backend BACKEND_PORT (25181). Every process
# started here is stopped at the end.
#
# Exits non-zero when a figure could not be taken; targets missed are reported, not fatal.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/bench/auth
WORK=${BENCH_WORK:-$HERE/work}
# shellcheck source=../tools.sh
. "$ROOT/bench/tools.sh"
need_tools wrk:wrk ffmpeg:ffmpeg ffprobe:ffmpeg curl:curl python3:python3 java:openjdk-17-jdk-headless

DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-50}
VIEWERS=${VIEWERS:-1000}
FOLLOW_SECONDS=${FOLLOW_SECONDS:-40}
SPREAD_SECONDS=${SPREAD_SECONDS:-5}
AUTH_DURATION=${AUTH_DURATION:-10}
BACKEND_DELAY_MS=${BACKEND_DELAY_MS:-1}
PORT_OFFSET=${PORT_OFFSET:-17000}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-8190}
DB_PORT=${DB_PORT:-25532}
SRT_PORT=${SRT_PORT:-25101}
BACKEND_PORT=${BACKEND_PORT:-25181}
HTTP_PORT=$((8080 + PORT_OFFSET))
HTTP=http://127.0.0.1:$HTTP_PORT
OPEN=bench-auth-off
AUTH=bench-auth-on
ADMIN_PASSWORD=bench-admin-password
HZ=$(getconf CLK_TCK)

say() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] FAILED: %s\n' "$*" >&2; exit 1; }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_busy "$BACKEND_PORT" && die "port $BACKEND_PORT is in use: set BACKEND_PORT"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

mkdir -p "$WORK"
pids=()
cleanup() {
  trap - EXIT INT TERM
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "${RUN_PID:-}" ] && kill -TERM "$RUN_PID" 2>/dev/null && wait "$RUN_PID" 2>/dev/null || true
}
trap cleanup EXIT INT TERM
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null; }

FIXTURE=$WORK/input-2000k.ts
make_input "$FIXTURE" 1900 2100

# --- the backend ------------------------------------------------------------------------------------
python3 "$HERE/backend.py" "$BACKEND_PORT" "$BACKEND_DELAY_MS" "$AUTH_DURATION" >"$WORK/backend.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$BACKEND_PORT/stats" && break; sleep 0.1; done
curl -sf -o /dev/null "http://127.0.0.1:$BACKEND_PORT/stats" || die "the backend did not start: $(cat "$WORK/backend.log")"

# --- the server and the streams -----------------------------------------------------------------------
say "starting OpenStreamer on $HTTP"
rm -rf "$WORK/var"
OPENSTREAMER_VAR=$WORK/var PORT_OFFSET=$PORT_OFFSET MANAGEMENT_PORT=$MANAGEMENT_PORT DB_PORT=$DB_PORT \
  ADMIN_PASSWORD=$ADMIN_PASSWORD setsid "$ROOT/run" >"$WORK/server.log" 2>&1 &
RUN_PID=$!
for _ in $(seq 360); do
  grep -q "OpenStreamer is running" "$WORK/server.log" && break
  kill -0 "$RUN_PID" 2>/dev/null || break
  sleep 0.5
done
grep -q "OpenStreamer is running" "$WORK/server.log" || { tail -20 "$WORK/server.log" >&2; die "the server did not start: $WORK/server.log"; }
SERVER_PID=
for _ in $(seq 20); do
  for p in $(pgrep -f "jboss.server.base.dir=$WORK/var/wildfly"); do
    [ "$(cat "/proc/$p/comm" 2>/dev/null)" = java ] && SERVER_PID=$p
  done
  [ -n "$SERVER_PID" ] && break
  sleep 0.5
done
[ -n "$SERVER_PID" ] || die "cannot find the server's JVM"

api() { curl -sf -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: application/json' "$@"; }
# One publisher; the protected stream pulls the open one's HTTP MPEG-TS, so both carry the same media.
api -X PUT -d "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":$SRT_PORT},\"segment_duration\":2,\"segment_count\":10}" \
  "$HTTP/streamer/api/v3/streams/$OPEN" >/dev/null || die "cannot create $OPEN"
api -X PUT -d "{\"inputs\":[{\"url\":\"tshttp://127.0.0.1:$HTTP_PORT/$OPEN/mpegts\"}],\"segment_duration\":2,\"segment_count\":10,\"on_play\":\"http://127.0.0.1:$BACKEND_PORT/auth\"}" \
  "$HTTP/streamer/api/v3/streams/$AUTH" >/dev/null || die "cannot create $AUTH"
sleep 1
ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i "$FIXTURE" -c copy -f mpegts "srt://127.0.0.1:$SRT_PORT" \
  </dev/null >"$WORK/publisher.log" 2>&1 &
pids+=($!)

listed() { awk '!/^#/ && NF { n++ } END { print n + 0 }' <<<"$1"; }
say "waiting for 3 segments in both streams"
for _ in $(seq 120); do
  a=$(curl -sf "$HTTP/$OPEN/index.m3u8" || true); b=$(curl -sf "$HTTP/$AUTH/index.m3u8?token=warmup" || true)
  (( $(listed "$a") >= 3 && $(listed "$b") >= 3 )) && break
  sleep 0.5
done
(( $(listed "$a") >= 3 && $(listed "$b") >= 3 )) || die "the streams did not list 3 segments within 60 s"
curl -sf "http://127.0.0.1:$BACKEND_PORT/reset" >/dev/null

# --- 1. wrk -------------------------------------------------------------------------------------------
declare -A RPS P50 P99 CPU
wrk_run() { # $1 key, $2 URL
  local out=$WORK/wrk-$1.txt t0 t1 line
  timeout 120 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$2" >/dev/null 2>&1 || die "wrk warm-up failed for $1"
  t0=$(cpu_ticks "$SERVER_PID") || die "the server vanished"
  timeout 120 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$2" >"$out" 2>&1 || die "wrk failed for $1: $(cat "$out")"
  t1=$(cpu_ticks "$SERVER_PID") || die "the server vanished"
  line=$(awk '
    function ms(v) { if (v ~ /us$/) return v * 0.001; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return -1 }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
    / requests in / { req = $1 }
    /^ *Non-2xx or 3xx responses:/ { bad = $NF }
    /^Requests\/sec:/ { rps = $2 }
    END { if (rps == "") exit 1; printf "%.0f %.3f %.3f %d %d\n", rps, p50, p99, req, bad + 0 }' "$out") || die "cannot read $out"
  read -r rps p50 p99 req bad <<<"$line"
  (( bad == 0 )) || die "$1: $bad responses were not 2xx (see $out)"
  RPS[$1]=$rps; P50[$1]=$p50; P99[$1]=$p99
  CPU[$1]=$(awk -v t=$((t1 - t0)) -v hz="$HZ" -v r="$req" 'BEGIN { printf "%.1f", t / hz / r * 1e6 }')
  say "$(printf '%-10s %8s req/s  p50 %7.3f ms  p99 %7.3f ms  %6s us CPU/request' "$1" "$rps" "$p50" "$p99" "${CPU[$1]}")"
}
segment_of() { # the newest segment path of a playlist text
  awk '!/^#/ && NF { s = $0 } END { print s }' <<<"$1"
}
say "wrk -t$THREADS -c$CONNECTIONS -d$DURATION (after $WARMUP of warm-up)"
open_pl=$(curl -sf "$HTTP/$OPEN/index.m3u8")
wrk_run pl-off "$HTTP/$OPEN/index.m3u8"
wrk_run pl-on "$HTTP/$AUTH/index.m3u8?token=wrk"
# Each segment is taken just before its run: a 10-segment window of 2 s segments outlives one run, not two.
open_seg=$(segment_of "$(curl -sf "$HTTP/$OPEN/index.m3u8")")
wrk_run seg-off "$HTTP/$OPEN/$open_seg"
auth_seg=$(segment_of "$(curl -sf "$HTTP/$AUTH/index.m3u8?token=wrk")") # carries ?token=wrk
wrk_run seg-on "$HTTP/$AUTH/$auth_seg"

# --- 2. viewers ---------------------------------------------------------------------------------------
viewers() { # $1 label, $2 stream, $3 token prefix or empty
  local t0 t1 ns0 ns1
  t0=$(cpu_ticks "$SERVER_PID"); ns0=$(date +%s%N)
  TOKEN_PREFIX=$3 timeout $((FOLLOW_SECONDS + SPREAD_SECONDS + 90)) java -XX:+UseSerialGC -Xmx512m \
    "$ROOT/bench/hls-egress/HlsViewers.java" 127.0.0.1 "$HTTP_PORT" "/$2/index.m3u8" "$VIEWERS" "$FOLLOW_SECONDS" \
    "$SPREAD_SECONDS" >"$WORK/viewers-$1.txt" 2>&1 || { cat "$WORK/viewers-$1.txt" >&2; die "the viewers client failed ($1)"; }
  t1=$(cpu_ticks "$SERVER_PID"); ns1=$(date +%s%N)
  grep '^RESULT ' "$WORK/viewers-$1.txt" >"$WORK/result-$1.txt" || die "no result from the viewers ($1)"
  awk -v c=$((t1 - t0)) -v hz="$HZ" -v ns=$((ns1 - ns0)) 'BEGIN { printf "%.1f\n", 100 * c / hz / (ns / 1e9) }' >"$WORK/cpu-$1.txt"
}
field() { sed -n "s/.* $2=\([0-9]*\).*/\1/p" "$WORK/result-$1.txt"; }
say "$VIEWERS viewers without auth, then $VIEWERS with a token each, $FOLLOW_SECONDS s each"
unset TOKEN_PREFIX
viewers off "$OPEN" ""
curl -sf "http://127.0.0.1:$BACKEND_PORT/reset" >/dev/null
viewers on "$AUTH" "viewer"
stats=$(curl -sf "http://127.0.0.1:$BACKEND_PORT/stats") || die "cannot read the backend's counts"
read -r sessions new updates max_per <<<"$(python3 -c 'import json,sys; s=json.loads(sys.argv[1]); print(s["tokens"], s["new_session"], s["update_session"], s["max_per_token"])' "$stats")"

# --- 3. API login cost --------------------------------------------------------------------------------
api_auth=$(OPENSTREAMER_URL=$HTTP API_USER=admin API_PASSWORD=$ADMIN_PASSWORD "$ROOT/bench/api-auth/run.sh" 200 2>&1) ||
  die "bench/api-auth failed: $api_auth"

# --- report ---------------------------------------------------------------------------------------------
echo
echo "Playback authorization, $(nproc) cores; backend answers 200 after ${BACKEND_DELAY_MS} ms with X-AuthDuration: $AUTH_DURATION"
echo
printf '%-9s %10s %10s %7s   %9s %9s   %12s %12s\n' "" "req/s off" "req/s on" "on/off" "p99 off" "p99 on" "CPU us off" "CPU us on"
for k in pl seg; do
  printf '%-9s %10s %10s %6.2fx   %9.3f %9.3f   %12s %12s   target >= 0.9x %s\n' "$([ $k = pl ] && echo playlist || echo segment)" \
    "${RPS[$k-off]}" "${RPS[$k-on]}" "$(awk -v a="${RPS[$k-on]}" -v b="${RPS[$k-off]}" 'BEGIN { print a / b }')" \
    "${P99[$k-off]}" "${P99[$k-on]}" "${CPU[$k-off]}" "${CPU[$k-on]}" \
    "$(awk -v a="${RPS[$k-on]}" -v b="${RPS[$k-off]}" 'BEGIN { print (a / b >= 0.9 ? "met" : "MISSED") }')"
done
echo
echo "$VIEWERS viewers for $FOLLOW_SECONDS s:"
for m in off on; do
  printf '  auth %-3s  segments %7s  playlists %7s  http_errors %4s  io_errors %4s  late %4s  server CPU %5s %% of a core\n' "$m" \
    "$(field $m segments)" "$(field $m playlists)" "$(field $m http_errors)" "$(field $m io_errors)" "$(field $m late)" "$(cat "$WORK/cpu-$m.txt")"
done
expected=$((1 + (FOLLOW_SECONDS + SPREAD_SECONDS) / AUTH_DURATION))
# Every viewer opens one session (new_session == VIEWERS); the tokens counted also include the wrk
# run's, still open and re-checked (update_session only) while the viewers play.
echo "  backend: $sessions sessions, $new new_session + $updates update_session calls;" \
  "$(awk -v n=$((new + updates)) -v s="$sessions" 'BEGIN { printf "%.2f", (s > 0 ? n / s : 0) }') calls per session" \
  "(at most $max_per for one token; one per ${AUTH_DURATION} s re-check allows up to $expected)" \
  "$( (( max_per <= expected && new == VIEWERS )) && echo "target met" || echo "target MISSED")"
echo
echo "API login (bench/api-auth/run.sh, GET /streamer/api/v3/server):"
sed 's/^/  /' <<<"$api_auth"
