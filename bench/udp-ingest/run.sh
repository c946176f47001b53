#!/usr/bin/env bash
# UDP multicast ingest benchmark: N streams, each pulling its own multicast group on the loopback
# interface (udp://239.255.20.i:BASE+i/127.0.0.1), fed for SECONDS by one ffmpeg looping a file in
# real time through mc_fanout.py, which sends every datagram to the N groups. Prints the continuity
# and other input errors the server counted in that time (the target is 0), the datagrams the
# kernel dropped on the server's sockets, source_lost events, segments per stream, and the
# server's CPU per stream-minute and memory per stream.
#
#   bench/udp-ingest/run.sh [N] [SECONDS]     defaults: 50 streams, 300 s
#
# BITRATE (kbit/s of each stream, default 2000) sets the file made once and looped. The kernel
# grants each socket at most net.core.rmem_max of the 16 MiB receive buffer the server asks for;
# the figure is printed. Needs the project built (./run builds it), Debian's ffmpeg, python3 and
# curl. Everything runs on 127.0.0.1 (TTL 0: nothing leaves the machine). Ports: HTTP
# 8080+PORT_OFFSET (30080), management MANAGEMENT_PORT+PORT_OFFSET (27990), PostgreSQL DB_PORT (30432),
# UDP BASE_PORT+i (30100+i).
set -euo pipefail

N=${1:-50}
SECONDS_MEASURED=${2:-300}
WARMUP=${WARMUP:-15}
BITRATE=${BITRATE:-2000}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bench/tools.sh"
need_tools ffmpeg:ffmpeg python3:python3 curl:curl
HERE=$ROOT/bench/udp-ingest
WORK=${BENCH_WORK:-$HERE/work}
PORT_OFFSET=${PORT_OFFSET:-22000}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-5990}
HTTP=http://127.0.0.1:$((8080 + PORT_OFFSET))
DB_PORT=${DB_PORT:-30432}
BASE_PORT=${BASE_PORT:-30100}
GROUPS_PREFIX=239.255.20
ADMIN_PASSWORD=bench-admin-password
HZ=$(getconf CLK_TCK)

(( N >= 1 && N < 250 )) || { echo "N must be 1..249" >&2; exit 2; }
mkdir -p "$WORK"
pids=()
cleanup() {
  trap - EXIT INT TERM
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -f "$WORK/feed.fifo"
  [ -n "${RUN_PID:-}" ] && kill -TERM "$RUN_PID" 2>/dev/null && wait "$RUN_PID" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 143' INT TERM # the EXIT trap cleans up
say() { printf '[bench] %s\n' "$*" >&2; }
api() { curl -sf -u "admin:$ADMIN_PASSWORD" "$@"; }

FIXTURE=$WORK/input-${BITRATE}k.ts
make_input "$FIXTURE" $((BITRATE - 200)) "$BITRATE"

# engine_errors: "ERRORS LIVE" over the bench streams, from GET /engine
engine_errors() {
  api "$HTTP/streamer/api/v3/engine" | python3 -c 'import json, sys
p = [x for x in json.load(sys.stdin)["pipelines"] if x["stream"].startswith("udp")]
print(sum(x.get("errors", 0) for x in p), sum(1 for x in p if x.get("last_frame_age_ms", x.get("lastFrameAgeMs", -1)) not in (-1, None)))'
}
# kernel_drops: datagrams dropped on the server's sockets of the bench ports (/proc/net/udp, last column)
kernel_drops() {
  python3 -c 'import sys
lo, hi = int(sys.argv[1]), int(sys.argv[2])
drops = 0
for line in open("/proc/net/udp").readlines()[1:]:
    f = line.split()
    if lo < int(f[1].split(":")[1], 16) <= hi:
        drops += int(f[-1])
print(drops)' "$BASE_PORT" "$((BASE_PORT + N))"
}

say "starting OpenStreamer"
start_openstreamer "$WORK"
for i in $(seq 1 "$N"); do
  api -X PUT -H 'Content-Type: application/json' \
    -d "{\"inputs\":[{\"url\":\"udp://$GROUPS_PREFIX.$i:$((BASE_PORT + i))/127.0.0.1\"}]}" \
    "$HTTP/streamer/api/v3/streams/udp$i" >/dev/null
done
sleep 2
idle_pss=$(pss_kb "$SERVER_PID")

say "sending $N multicast streams of $BITRATE kbit/s"
rm -f "$WORK/feed.fifo"; mkfifo "$WORK/feed.fifo"
python3 "$HERE/mc_fanout.py" "$N" "$GROUPS_PREFIX" "$BASE_PORT" <"$WORK/feed.fifo" 2>"$WORK/fanout.log" &
FANOUT_PID=$!; pids+=($!)
ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i "$FIXTURE" -c copy -f mpegts pipe:1 \
  </dev/null >"$WORK/feed.fifo" 2>"$WORK/sender.log" &
SENDER_PID=$!; pids+=($!)
since=$(date -u +%Y-%m-%dT%H:%M:%SZ)
sleep "$WARMUP"
read -r errors0 live0 <<<"$(engine_errors)"
drops0=$(kernel_drops)
t0=$(cpu_ticks "$SERVER_PID")
say "measuring for $SECONDS_MEASURED s ($live0 of $N streams live, $errors0 errors in the warm-up)"
sleep "$SECONDS_MEASURED"
t1=$(cpu_ticks "$SERVER_PID")
read -r errors1 live1 <<<"$(engine_errors)"
drops1=$(kernel_drops)
pss=$(pss_kb "$SERVER_PID")
kill -0 "$SENDER_PID" 2>/dev/null && kill -0 "$FANOUT_PID" 2>/dev/null || { say "the sender stopped early: $WORK/sender.log"; exit 1; }
segments=""
for i in $(seq 1 "$N"); do
  segments+="$(curl -s "$HTTP/udp$i/index.m3u8" | awk -F: '/^#EXT-X-MEDIA-SEQUENCE:/{s=$2} /\.ts$/{n++} END{print s + n}') "
done
lost=$(api "$HTTP/streamer/api/v3/events?type=source_lost&limit=1000" | python3 -c 'import json, sys
print(sum(1 for e in json.load(sys.stdin) if (e.get("stream") or "").startswith("udp")))')

echo
echo "UDP multicast ingest, $N streams of $BITRATE kbit/s on loopback, ${SECONDS_MEASURED} s measured after ${WARMUP} s warm-up, $(nproc) cores, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg), net.core.rmem_max $(cat /proc/sys/net/core/rmem_max)"
echo "streams live: $live1 of $N"
echo "input errors counted by the server (continuity, sync, tables) during the measurement: $((errors1 - errors0)) (warm-up: $errors0)"
echo "datagrams dropped by the kernel on the server's sockets during the measurement: $((drops1 - drops0))"
echo "source_lost events of the bench streams since the start ($since): $lost"
echo "$segments" | awk '{ min = 1e9; max = 0; for (i = 1; i <= NF; i++) { if ($i < min) min = $i; if ($i > max) max = $i }
  printf "segments per stream: min %d, max %d\n", min, max }'
awk -v d="$((t1 - t0))" -v hz="$HZ" -v n="$N" -v s="$SECONDS_MEASURED" -v pss="$pss" -v idle="$idle_pss" \
  'BEGIN { printf "openstreamer: %.3f CPU-s/stream-min, %.1f MiB PSS added per stream (idle %.0f MiB)\n", d / hz / n / (s / 60), (pss - idle) / 1024 / n, idle / 1024 }'
