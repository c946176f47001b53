#!/usr/bin/env bash
# DVR benchmark, in one run of the real server (./run):
#   1. the index: 30 days of 4 s segments of one stream (647,070 rows: a two-minute gap a day) in
#      PostgreSQL, then timed with curl: a catch-up playlist of 24 h (about 21,570 segments), and
#      recording_status.json over 30 days (force_detailed), against the floor of the same run:
#      recording_status.json without a window (HTTP, servlet and one one-row query);
#   2. recording: N streams (default 20) of a 5 Mbit/s H.264 + AAC input published over SRT, the
#      CPU of the WildFly JVM and of PostgreSQL (which receives the index batches) measured for
#      SECONDS without DVR, then the same N streams recorded, and the difference given as a share
#      of one core; with the segment files and bytes written within the measured window.
#
#   bench/dvr/run.sh [N] [SECONDS]      defaults: 20 streams, 60 s per measurement
#   INDEX_ONLY=1 bench/dvr/run.sh       the index figures alone (about a minute)
#
# Needs the project built (./run builds it), curl, psql and Debian's ffmpeg. Everything runs on
# 127.0.0.1: HTTP 8080+PORT_OFFSET (24780), PostgreSQL DB_PORT (24732), SRT BASE_PORT+i (24800+i).
set -euo pipefail

N=${1:-20}
MEASURE=${2:-60}
WARMUP=20
REQUESTS=${REQUESTS:-100}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bench/tools.sh"
need_tools curl:curl psql:postgresql-client ffmpeg:ffmpeg
WORK=${BENCH_WORK:-$ROOT/bench/dvr/work}
PORT_OFFSET=${PORT_OFFSET:-16700}
HTTP=http://127.0.0.1:$((8080 + PORT_OFFSET))
API=$HTTP/streamer/api/v3
DB_PORT=${DB_PORT:-24732}
BASE_PORT=${BASE_PORT:-24800}
ADMIN_PASSWORD=bench-admin-password
PSQL=(psql -h 127.0.0.1 -p "$DB_PORT" -U postgres -d media -qAtX -v ON_ERROR_STOP=1)
HZ=$(getconf CLK_TCK)

(( N >= 1 && N < 100 )) || { echo "N must be 1..99" >&2; exit 2; }
pids=()
say() { printf '[bench] %s\n' "$*" >&2; }
stop_publishers() { # (a bare `wait` would wait for the server too)
  (( ${#pids[@]} )) || return 0
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait "${pids[@]}" 2>/dev/null || true; pids=()
}
cleanup() {
  trap - EXIT INT TERM
  stop_publishers
  [ -n "${RUN_PID:-}" ] && kill -TERM "$RUN_PID" 2>/dev/null && wait "$RUN_PID" 2>/dev/null || true
}
trap cleanup EXIT INT TERM
api() { curl -sf -u "admin:$ADMIN_PASSWORD" -X "$1" -H 'Content-Type: application/json' ${3:+--data "$3"} "$API$2"; }

latency() { # $1 label, $2 URL: REQUESTS timed GETs after 10 warm-up ones; ms p50 / p95 / max, the body size and its segments
  local i
  for i in $(seq 10); do curl -sf -o /dev/null "$2"; done
  local size segments; size=$(curl -sf "$2" | wc -c); segments=$(curl -sf "$2" | grep -c '^#EXTINF' || true)
  for i in $(seq "$REQUESTS"); do curl -sf -o /dev/null -w '%{time_total}\n' "$2"; done | sort -n |
    awk -v l="$1" -v s="$size" -v g="$segments" '{ v[NR] = $1 * 1000 } END {
      printf "%-52s p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms  (%d bytes%s)\n", l, v[int(NR*0.5)], v[int(NR*0.95)], v[NR], s,
        (g > 0 ? sprintf(", %d segments", g) : "") }'
}

wildfly_pid() { pgrep -f "jboss.server.base.dir=$WORK/var/wildfly" | while read -r p; do
  [ "$(readlink "/proc/$p/exe")" != "${BASH:-}" ] && grep -q java "/proc/$p/comm" && echo "$p"; done | head -n1; }
postmaster_pid() { head -n1 "$WORK/var/pgdata/postmaster.pid" 2>/dev/null; }
running() { local s; s=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) && [ -n "$s" ] && [ "$s" != Z ]; }
wildfly_ticks() { # utime+stime of the WildFly JVM; stops the run when it is gone
  running "$1" || { say "the WildFly JVM ($1) is gone: no CPU figure"; return 1; }
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}
postgres_ticks() { # utime+stime of the postmaster, of its reaped children and of its live backends
  running "$1" || { say "PostgreSQL's postmaster ($1) is gone: no CPU figure"; return 1; }
  local t c
  t=$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat")
  for c in $(pgrep -P "$1"); do
    t=$((t + $(awk '{ print $14 + $15 }' "/proc/$c/stat" 2>/dev/null || echo 0)))
  done
  echo "$t"
}
dvr_files() { find "$WORK/dvr" -name '*.ts' 2>/dev/null | wc -l; }
dvr_bytes() { find "$WORK/dvr" -name '*.ts' -printf '%s\n' 2>/dev/null | awk '{ b += $1 } END { printf "%d\n", b }'; }

mkdir -p "$WORK"
rm -rf "$WORK/var" "$WORK/dvr" "$WORK/run.log"

FIXTURE=$WORK/input-5000k.ts
make_input "$FIXTURE" 4800 5100

say "starting the server"
OPENSTREAMER_VAR=$WORK/var PORT_OFFSET=$PORT_OFFSET DB_PORT=$DB_PORT ADMIN_PASSWORD=$ADMIN_PASSWORD \
  "$ROOT/run" >>"$WORK/run.log" 2>&1 &
RUN_PID=$!
for _ in $(seq 600); do grep -q "OpenStreamer is running" "$WORK/run.log" && break; sleep 0.5; done
grep -q "OpenStreamer is running" "$WORK/run.log" || { tail -30 "$WORK/run.log"; exit 1; }

# --- 1. the index -------------------------------------------------------------------------------
say "30 days of 4 s segments in the index (647,070 rows)"
api PUT /streams/bench-archive "{\"inputs\":[{\"url\":\"publish://\"}],\"dvr\":{\"root\":\"$WORK/dvr\"}}" >/dev/null
NOW=$(date +%s)
START=$(( (NOW - 30 * 86400) / 4 * 4 ))
"${PSQL[@]}" <<SQL
INSERT INTO dvr_segments (stream, start_ms, duration_ms, bytes, seq, root, path, node)
SELECT 'bench-archive', (${START}::bigint + 4 * i) * 1000, 4000, 2500000, i + 1, '$WORK/dvr',
       to_char(to_timestamp(${START} + 4 * i) AT TIME ZONE 'UTC', 'YYYY/MM/DD/HH24/MI/SS') || '-04000.ts', 'bench'
  FROM generate_series(0, 30 * 21600 - 1) AS i
 WHERE i % 21600 NOT BETWEEN 100 AND 130;      -- a two-minute gap a day
ANALYZE dvr_segments;
SQL
"${PSQL[@]}" <<SQL
INSERT INTO dvr_ranges (stream, from_ms, to_ms)
SELECT 'bench-archive', min(start_ms), max(start_ms + duration_ms)
  FROM (SELECT start_ms, duration_ms, sum(gap) OVER (ORDER BY start_ms) AS run
          FROM (SELECT start_ms, duration_ms, CASE WHEN start_ms <= lag(start_ms + duration_ms) OVER (ORDER BY start_ms) + 1500
                                                   THEN 0 ELSE 1 END AS gap
                  FROM dvr_segments WHERE stream = 'bench-archive') a) b
 GROUP BY run;
ANALYZE dvr_ranges;
SQL
say "$("${PSQL[@]}" -c "SELECT count(*) || ' segments, ' || (SELECT count(*) FROM dvr_ranges WHERE stream = 'bench-archive') || ' ranges' FROM dvr_segments WHERE stream = 'bench-archive'")"
DAY_FROM=$(( NOW - 2 * 86400 ))
echo
echo "== DVR index (30 days of 4 s segments, $REQUESTS requests each) =="
latency "floor: recording_status.json (one small query)" "$HTTP/bench-archive/recording_status.json"
latency "catch-up playlist, 24 h (index-FROM-86400.m3u8)" "$HTTP/bench-archive/index-$DAY_FROM-86400.m3u8"
latency "catch-up playlist, 1 h" "$HTTP/bench-archive/index-$DAY_FROM-3600.m3u8"
latency "recording_status.json, 30 days, force_detailed" \
  "$HTTP/bench-archive/recording_status.json?from=$((NOW - 30 * 86400))&to=$NOW&request=ranges,force_detailed"
latency "recording_status.json, 30 days, brief" "$HTTP/bench-archive/recording_status.json?from=$((NOW - 30 * 86400))&to=$NOW"
latency "timeshift_rel-3600.m3u8" "$HTTP/bench-archive/timeshift_rel-3600.m3u8"

# --- 2. recording ---------------------------------------------------------------------------------
[ "${INDEX_ONLY:-0}" = 1 ] && exit 0
for i in $(seq "$N"); do
  api PUT "/streams/bench-$i" "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":$((BASE_PORT + i))}}" >/dev/null
done
sleep 2
publish() {
  for i in $(seq "$N"); do
    ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i "$FIXTURE" -c copy -f mpegts \
      "srt://127.0.0.1:$((BASE_PORT + i))" </dev/null >/dev/null 2>&1 &
    pids+=($!)
  done
}
WILDFLY=$(wildfly_pid); POSTMASTER=$(postmaster_pid)
[ -n "$WILDFLY" ] || { say "cannot find the WildFly JVM"; exit 1; }
[ -n "$POSTMASTER" ] || { say "cannot find PostgreSQL's postmaster ($WORK/var/pgdata/postmaster.pid)"; exit 1; }
publishers_alive() { local n=0 p; for p in "${pids[@]}"; do running "$p" && n=$((n + 1)); done; echo "$n"; }
measure() { # CPU ticks of WildFly and PostgreSQL, segment files and bytes, over MEASURE seconds after WARMUP
  local w1 w2 p1 p2 f1 f2 b1 b2 alive
  sleep "$WARMUP"
  w1=$(wildfly_ticks "$WILDFLY"); p1=$(postgres_ticks "$POSTMASTER"); f1=$(dvr_files); b1=$(dvr_bytes)
  sleep "$MEASURE"
  w2=$(wildfly_ticks "$WILDFLY"); p2=$(postgres_ticks "$POSTMASTER"); f2=$(dvr_files); b2=$(dvr_bytes)
  alive=$(publishers_alive)
  (( alive == N )) || { say "only $alive of $N publishers ran to the end of the measurement"; return 1; }
  echo "$(( w2 - w1 )) $(( p2 - p1 )) $(( f2 - f1 )) $(( b2 - b1 ))"
}
echo
echo "== Recording: $N streams at 5 Mbit/s, $MEASURE s each =="
publish
m=$(measure); read -r wa pa _ _ <<<"$m"
for i in $(seq "$N"); do
  api PATCH "/streams/bench-$i" "{\"dvr\":{\"root\":\"$WORK/dvr\"}}" >/dev/null
done
m=$(measure); read -r wb pb files written <<<"$m"
stop_publishers
indexed=$("${PSQL[@]}" -c "SELECT count(*) FROM dvr_segments WHERE stream LIKE 'bench-%' AND stream <> 'bench-archive'")
total_files=$(dvr_files)
awk -v wa="$wa" -v pa="$pa" -v wb="$wb" -v pb="$pb" -v hz="$HZ" -v s="$MEASURE" -v n="$N" 'BEGIN {
  printf "CPU without DVR: WildFly %.1f %% + PostgreSQL %.1f %% of one core (%.3f CPU-s per stream-minute)\n", 100 * wa / hz / s, 100 * pa / hz / s, (wa + pa) / hz / s * 60 / n
  printf "CPU with DVR:    WildFly %.1f %% + PostgreSQL %.1f %% of one core (%.3f CPU-s per stream-minute)\n", 100 * wb / hz / s, 100 * pb / hz / s, (wb + pb) / hz / s * 60 / n
  printf "recording costs: %.1f %% of one core for %d streams (WildFly %+.1f %%, PostgreSQL %+.1f %%; target: under 5 %%)\n",
    100 * (wb + pb - wa - pa) / hz / s, n, 100 * (wb - wa) / hz / s, 100 * (pb - pa) / hz / s }'
echo "written in the $MEASURE s measured: $files segment files, $(( written / 1000000 )) MB ($N publishers, 1 WildFly JVM, PostgreSQL's postmaster and backends)"
echo "after the publishers stopped: $total_files segment files on disk, $indexed rows in the index"
