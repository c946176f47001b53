#!/usr/bin/env bash
# SRT ingest benchmark: N publishers into OpenStreamer (SRT receive + demux + HLS in memory), and
# in the same run the same N streams through `ffmpeg -c copy -f hls` and through srt-live-transmit
# (libsrt's own relay, the floor for SRT handling). Prints CPU seconds per stream-minute, memory
# per stream, OpenStreamer's segment availability delay, and SRT loss/drop counts.
#
#   bench/srt-ingest/run.sh [N] [SECONDS]      defaults: 10 streams, 60 s of measurement
#
# Needs the project built (./run builds it) and Debian's ffmpeg and srt-tools. Everything runs on
# 127.0.0.1; all processes are stopped at the end.
set -euo pipefail

N=${1:-10}
SECONDS_MEASURED=${2:-60}
WARMUP=15
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${BENCH_WORK:-$ROOT/bench/srt-ingest/work}
PORT_OFFSET=600                  # HTTP 8680
HTTP=http://127.0.0.1:$((8080 + PORT_OFFSET))
DB_PORT=25600
BASE_PORT=22000                  # SRT ports: server BASE+i, ffmpeg BASE+1000+i, slt BASE+2000+i
ADMIN_PASSWORD=bench-admin-password
HZ=$(getconf CLK_TCK)

mkdir -p "$WORK"
pids=()
cleanup() {
  trap - EXIT INT TERM
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "${RUN_PID:-}" ] && kill -TERM "$RUN_PID" 2>/dev/null && wait "$RUN_PID" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

say() { printf '[bench] %s\n' "$*" >&2; }

# --- the input: 4.5 Mbit/s H.264 720p25 + AAC, GOP 2 s, looped by each publisher ---------------
FIXTURE=$WORK/input-4500k.ts
if [ ! -f "$FIXTURE" ]; then
  say "making the 4.5 Mbit/s input (once)"
  ffmpeg -hide_banner -loglevel error -y -f lavfi -i testsrc2=size=1280x720:rate=25 \
    -f lavfi -i sine=frequency=440:sample_rate=48000 -t 30 -c:v libx264 -preset veryfast \
    -b:v 4400k -maxrate 4400k -bufsize 4400k -g 50 -keyint_min 50 -sc_threshold 0 \
    -c:a aac -b:a 96k -muxrate 4600k -f mpegts "$FIXTURE"
fi

publish() { # $1 = SRT URL
  ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i "$FIXTURE" -c copy -f mpegts "$1" \
    </dev/null >/dev/null 2>&1 &
  pids+=($!)
}

cpu_ticks() { # sum of utime+stime of the given pids
  local t=0 p
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$t"
}

pss_kb() { # sum of PSS of the given pids
  local t=0 p
  for p in "$@"; do
    [ -r "/proc/$p/smaps_rollup" ] && t=$((t + $(awk '/^Pss:/{print $2}' "/proc/$p/smaps_rollup")))
  done
  echo "$t"
}

measure() { # $1 label, rest: pids; prints cpu-s per stream-minute and PSS per stream
  local label=$1; shift
  local t0 t1
  sleep "$WARMUP"
  t0=$(cpu_ticks "$@")
  sleep "$SECONDS_MEASURED"
  t1=$(cpu_ticks "$@")
  local pss; pss=$(pss_kb "$@")
  awk -v l="$label" -v d="$((t1 - t0))" -v hz="$HZ" -v n="$N" -v s="$SECONDS_MEASURED" -v pss="$pss" \
    'BEGIN { printf "%-34s %8.3f CPU-s/stream-min %8.1f MiB PSS/stream\n", l, d / hz / n / (s / 60), pss / 1024 / n }'
}

# --- 1. OpenStreamer -------------------------------------------------------------------------------
say "starting OpenStreamer"
rm -rf "$WORK/var"
OPENSTREAMER_VAR=$WORK/var PORT_OFFSET=$PORT_OFFSET DB_PORT=$DB_PORT ADMIN_PASSWORD=$ADMIN_PASSWORD \
  "$ROOT/run" >"$WORK/server.log" 2>&1 &
RUN_PID=$!
for _ in $(seq 240); do grep -q "OpenStreamer is running" "$WORK/server.log" && break; sleep 0.5; done
grep -q "OpenStreamer is running" "$WORK/server.log" || { say "server did not start: $WORK/server.log"; exit 1; }
SERVER_PID=
for p in $(pgrep -f "jboss.server.base.dir=$WORK/var/wildfly"); do
  [ "$(cat "/proc/$p/comm" 2>/dev/null)" = java ] && SERVER_PID=$p # not the standalone.sh shell
done
[ -n "$SERVER_PID" ] || { say "cannot find the server's JVM"; exit 1; }
for i in $(seq 1 "$N"); do
  curl -sf -u "admin:$ADMIN_PASSWORD" -X PUT -H 'Content-Type: application/json' \
    -d "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":$((BASE_PORT + i))}}" \
    "$HTTP/streamer/api/v3/streams/bench$i" >/dev/null
done
sleep 2
idle_pss=$(pss_kb "$SERVER_PID")
for i in $(seq 1 "$N"); do publish "srt://127.0.0.1:$((BASE_PORT + i))"; done
server_line=$(measure "openstreamer (srt+demux+hls)" "$SERVER_PID")
server_pss=$(pss_kb "$SERVER_PID")
engine=$(curl -sf -u "admin:$ADMIN_PASSWORD" "$HTTP/streamer/api/v3/engine")
live=$(curl -s "$HTTP/bench1/index.m3u8" | grep -c '\.ts$' || true)
for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; pids=()
kill -TERM "$RUN_PID"; wait "$RUN_PID" 2>/dev/null || true; RUN_PID=

# --- 2. ffmpeg remux to HLS (the usual open-source answer) -----------------------------------------
say "ffmpeg -c copy -f hls reference"
rm -rf "$WORK/hls"; mkdir -p "$WORK/hls"
receivers=()
for i in $(seq 1 "$N"); do
  mkdir -p "$WORK/hls/$i"
  ffmpeg -hide_banner -loglevel error -i "srt://127.0.0.1:$((BASE_PORT + 1000 + i))?mode=listener" -c copy \
    -f hls -hls_time 4 -hls_list_size 4 -hls_flags delete_segments "$WORK/hls/$i/index.m3u8" \
    </dev/null >/dev/null 2>&1 &
  receivers+=($!); pids+=($!)
done
sleep 1
for i in $(seq 1 "$N"); do publish "srt://127.0.0.1:$((BASE_PORT + 1000 + i))"; done
ffmpeg_line=$(measure "ffmpeg -c copy -f hls" "${receivers[@]}")
for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; pids=()

# --- 3. srt-live-transmit relay (libsrt alone) ------------------------------------------------------
say "srt-live-transmit reference"
receivers=()
for i in $(seq 1 "$N"); do
  srt-live-transmit -q "srt://:$((BASE_PORT + 2000 + i))?mode=listener" file://con >/dev/null 2>&1 </dev/null &
  receivers+=($!); pids+=($!)
done
sleep 1
for i in $(seq 1 "$N"); do publish "srt://127.0.0.1:$((BASE_PORT + 2000 + i))"; done
slt_line=$(measure "srt-live-transmit (to /dev/null)" "${receivers[@]}")
for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; pids=()

# --- report -----------------------------------------------------------------------------------------
echo
echo "SRT ingest, $N streams of $(ffprobe -v error -show_entries format=bit_rate -of csv=p=0 "$FIXTURE" | awk '{printf "%.1f", $1/1e6}') Mbit/s, ${SECONDS_MEASURED} s measured after ${WARMUP} s warm-up, $(nproc) cores"
echo "$server_line"
echo "$ffmpeg_line"
echo "$slt_line"
awk -v a="$idle_pss" -v b="$server_pss" -v n="$N" 'BEGIN { printf "openstreamer memory added per stream: %.1f MiB PSS (idle server %.0f MiB)\n", (b - a) / 1024 / n, a / 1024 }'
echo "$engine" | python3 -c '
import json, sys
e = json.load(sys.stdin)
d = e["engine"]["segment_delay"]
print("segment availability delay: p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d segments" % (d["p50"] / 1000, d["p99"] / 1000, d["max"] / 1000, d["count"]))
errors = sum(p.get("errors", 0) for p in e["pipelines"])
print("input errors across streams (continuity, sync, tables): %d" % errors)
'
echo "segments listed in bench1/index.m3u8 at the end: $live"
