#!/usr/bin/env bash
# Push benchmark: one 4.5 Mbit/s stream published over SRT and pushed by OpenStreamer to N SRT
# listeners and N UDP ports, against the same 2N copies made in the same run by 2N srt-live-transmit
# relays (each pulls the stream from OpenStreamer's SRT play port and sends it on, the way a relay
# box would). Prints the CPU seconds per push-minute of each, the ratio, and what the receivers got.
#
#   bench/push/run.sh [N] [SECONDS]      defaults: 20 (so 20 SRT + 20 UDP copies), 60 s per measurement
#
# OpenStreamer's figure is the WildFly JVM's CPU with the pushes minus its CPU with the same stream
# published and no pushes (measured first); the reference's is the relays' own CPU. The receivers
# (srt-live-transmit listeners, one Python UDP sink) are the same for both and measured for neither.
# Needs the project built (./run builds it), Debian's ffmpeg and srt-tools, python3 and curl.
# Everything runs on 127.0.0.1: HTTP 8080+PORT_OFFSET (25080), PostgreSQL DB_PORT (25432), SRT
# publish BASE_PORT+1 (25101) and play BASE_PORT+2, SRT receivers BASE_PORT+100+i, UDP BASE_PORT+300+i.
set -euo pipefail

N=${1:-20}
MEASURE=${2:-60}
WARMUP=${WARMUP:-15}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bench/tools.sh"
need_tools srt-live-transmit:srt-tools ffmpeg:ffmpeg python3:python3 curl:curl
HERE=$ROOT/bench/push
WORK=${BENCH_WORK:-$HERE/work}
PORT_OFFSET=${PORT_OFFSET:-17000}
API=http://127.0.0.1:$((8080 + PORT_OFFSET))/streamer/api/v3
DB_PORT=${DB_PORT:-25432}
BASE_PORT=${BASE_PORT:-25100}
PUBLISH=$((BASE_PORT + 1)) PLAY=$((BASE_PORT + 2))
ADMIN_PASSWORD=bench-admin-password
HZ=$(getconf CLK_TCK)

(( N >= 1 && N < 100 )) || { echo "N must be 1..99" >&2; exit 2; }
say() { printf '[bench] %s\n' "$*" >&2; }
receivers=() relays=() others=()
stop() { local p; for p in "$@"; do kill "$p" 2>/dev/null || true; done; for p in "$@"; do wait "$p" 2>/dev/null || true; done; }
cleanup() {
  trap - EXIT INT TERM
  stop "${relays[@]}" "${receivers[@]}" "${others[@]}"
  [ -n "${RUN_PID:-}" ] && kill -TERM "$RUN_PID" 2>/dev/null && wait "$RUN_PID" 2>/dev/null || true
}
trap cleanup EXIT INT TERM
api() { curl -sf -u "admin:$ADMIN_PASSWORD" -X "$1" -H 'Content-Type: application/json' ${3:+--data "$3"} "$API$2"; }
ticks() { # utime+stime of the given processes; fails when one is gone, so a dead process never counts as 0
  local p t=0
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] || { say "process $p is gone: no CPU figure"; return 1; }
    t=$((t + $(awk '{ print $14 + $15 }' "/proc/$p/stat")))
  done
  echo "$t"
}
wildfly_pid() { pgrep -f "jboss.server.base.dir=$WORK/var/wildfly" | while read -r p; do
  grep -q java "/proc/$p/comm" 2>/dev/null && echo "$p"; done | head -n1; }

start_receivers() { # N SRT listeners writing to /dev/null, and the UDP sink counting into $1
  local i
  receivers=()
  for i in $(seq "$N"); do
    srt-live-transmit -q "srt://127.0.0.1:$((BASE_PORT + 100 + i))?mode=listener" file://con >/dev/null 2>&1 &
    receivers+=($!)
  done
  python3 "$HERE/udp_sink.py" $((BASE_PORT + 301)) "$N" "$1" & receivers+=($!)
  sleep 1
}
udp_report() { # $1 the sink's file, $2 seconds: what the N UDP receivers got
  awk -v s="$2" '{ b += $2; bad += $4; if (min == "" || $2 < min) min = $2 }
    END { printf "%d UDP receivers: %.2f Mbit/s each on average, the least %.2f Mbit/s, %d datagrams not whole TS packets\n",
      NR, b * 8 / s / NR / 1e6, min * 8 / s / 1e6, bad }' "$1"
}

mkdir -p "$WORK"
rm -rf "$WORK/var" "$WORK/run.log"
FIXTURE=$WORK/input-4500k.ts
make_input "$FIXTURE" 4400 4600

say "starting the server"
OPENSTREAMER_VAR=$WORK/var PORT_OFFSET=$PORT_OFFSET DB_PORT=$DB_PORT ADMIN_PASSWORD=$ADMIN_PASSWORD \
  "$ROOT/run" >>"$WORK/run.log" 2>&1 &
RUN_PID=$!
for _ in $(seq 600); do grep -q "OpenStreamer is running" "$WORK/run.log" && break; sleep 0.5; done
grep -q "OpenStreamer is running" "$WORK/run.log" || { tail -30 "$WORK/run.log"; exit 1; }
JVM=$(wildfly_pid)
[ -n "$JVM" ] || { say "no WildFly JVM found"; exit 1; }

STREAM_JSON="{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":$PUBLISH},\"srt_play\":{\"port\":$PLAY}"
api PUT /streams/bench-push "$STREAM_JSON}" >/dev/null
ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i "$FIXTURE" -c copy -f mpegts "srt://127.0.0.1:$PUBLISH" &
others+=($!)
for _ in $(seq 60); do api GET /streams/bench-push | grep -q '"status":"publishing"' && break; sleep 0.5; done
sleep "$WARMUP"

say "baseline: the stream published, no pushes, ${MEASURE} s"
t0=$(ticks "$JVM"); sleep "$MEASURE"; t1=$(ticks "$JVM")
BASE_TICKS=$((t1 - t0))

say "OpenStreamer: $N SRT + $N UDP pushes"
start_receivers "$WORK/udp-openstreamer.txt"
pushes=""
for i in $(seq "$N"); do
  pushes+="{\"url\":\"srt://127.0.0.1:$((BASE_PORT + 100 + i))\"},{\"url\":\"udp://127.0.0.1:$((BASE_PORT + 300 + i))\"},"
done
api PUT /streams/bench-push "$STREAM_JSON,\"pushes\":[${pushes%,}]}" >/dev/null
sleep "$WARMUP"
running=$(api GET /streams/bench-push | grep -o '"status":"running"' | wc -l)
(( running == 2 * N )) || { say "only $running of $((2 * N)) pushes are running"; api GET /streams/bench-push >&2; exit 1; }
t0=$(ticks "$JVM"); sleep "$MEASURE"; t1=$(ticks "$JVM")
PUSH_TICKS=$((t1 - t0))
stop "${receivers[@]}"
OURS_UDP=$(udp_report "$WORK/udp-openstreamer.txt" $((MEASURE + WARMUP)))
api PUT /streams/bench-push "$STREAM_JSON}" >/dev/null

say "reference: $((2 * N)) srt-live-transmit relays from the SRT play port"
start_receivers "$WORK/udp-relays.txt"
relays=()
for i in $(seq "$N"); do
  srt-live-transmit -q "srt://127.0.0.1:$PLAY" "srt://127.0.0.1:$((BASE_PORT + 100 + i))" >/dev/null 2>&1 & relays+=($!)
  srt-live-transmit -q "srt://127.0.0.1:$PLAY" "udp://127.0.0.1:$((BASE_PORT + 300 + i))" >/dev/null 2>&1 & relays+=($!)
done
sleep "$WARMUP"
t0=$(ticks "${relays[@]}"); sleep "$MEASURE"; t1=$(ticks "${relays[@]}")
RELAY_TICKS=$((t1 - t0))
stop "${relays[@]}"; relays=()
stop "${receivers[@]}"; receivers=()
THEIRS_UDP=$(udp_report "$WORK/udp-relays.txt" $((MEASURE + WARMUP)))

echo
echo "== Push: one 4.5 Mbit/s stream to $N SRT + $N UDP destinations, ${MEASURE} s measured =="
awk -v b="$BASE_TICKS" -v p="$PUSH_TICKS" -v r="$RELAY_TICKS" -v hz="$HZ" -v m="$MEASURE" -v n=$((2 * N)) 'BEGIN {
  ours = (p - b) / hz / n / (m / 60); theirs = r / hz / n / (m / 60)
  printf "%-44s %8.3f CPU s per push-minute  (WildFly %.1f%% of a core with the pushes, %.1f%% without)\n",
    "OpenStreamer pushes", ours, p / hz / m * 100, b / hz / m * 100
  printf "%-44s %8.3f CPU s per push-minute  (%.1f%% of a core in all)\n", "srt-live-transmit relays", theirs, r / hz / m * 100
  printf "%-44s %8.2fx\n", "ratio (OpenStreamer / relays, target <= 1.0)", (theirs > 0 ? ours / theirs : 0)
}'
echo "receivers of OpenStreamer: $OURS_UDP"
echo "receivers of the relays:   $THEIRS_UDP"
