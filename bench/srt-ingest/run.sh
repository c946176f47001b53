#!/usr/bin/env bash
# SRT ingest benchmark: N publishers into OpenStreamer (SRT receive + demux + HLS in memory), and
# in the same run the same N streams through `ffmpeg -c copy -f hls` and through srt-live-transmit
# (libsrt's own relay, the floor for SRT handling). Prints CPU seconds per stream-minute, memory
# per stream, OpenStreamer's segment availability delay, SRT loss and drop counts, continuity
# errors and segments per stream, and the publisher-to-SRT-player latency through OpenStreamer
# against an srt-live-transmit relay, measured at the same time (latency_probe.py).
#
#   bench/srt-ingest/run.sh [N] [SECONDS]      defaults: 50 streams, 40 s of measurement
#
# Needs the project built (./run builds it), Debian's ffmpeg and srt-tools, python3 and curl (checked
# first: a missing one stops the script with the apt-get command that installs it). Everything
# runs on 127.0.0.1; all processes are stopped at the end. A run takes about 4 minutes.
#
# Ports (all can be changed through the environment): HTTP 8080+PORT_OFFSET (23080), management
# MANAGEMENT_PORT+PORT_OFFSET (23990), HTTPS 8443+PORT_OFFSET (23443), PostgreSQL DB_PORT (23432);
# SRT and UDP from BASE_PORT (23100): OpenStreamer BASE+i, ffmpeg BASE+100+i, srt-live-transmit
# BASE+200+i (i = 1..N, N < 100), the latency probe BASE+300..BASE+320.
set -euo pipefail

N=${1:-50}
SECONDS_MEASURED=${2:-40}
WARMUP=${WARMUP:-10}
PROBE_SECONDS=${PROBE_SECONDS:-20}
LATENCY=${LATENCY:-120}          # SRT latency (ms) on every hop of the latency probe
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bench/tools.sh"
need_tools srt-live-transmit:srt-tools ffmpeg:ffmpeg ffprobe:ffmpeg python3:python3 curl:curl
HERE=$ROOT/bench/srt-ingest
WORK=${BENCH_WORK:-$HERE/work}
PORT_OFFSET=${PORT_OFFSET:-15000}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-8990}
HTTP=http://127.0.0.1:$((8080 + PORT_OFFSET))
DB_PORT=${DB_PORT:-23432}
BASE_PORT=${BASE_PORT:-23100}
PROBE=$((BASE_PORT + 300))
ADMIN_PASSWORD=bench-admin-password
HZ=$(getconf CLK_TCK)

(( N >= 1 && N < 100 )) || { echo "N must be 1..99" >&2; exit 2; }
mkdir -p "$WORK"
pids=()
cleanup() {
  trap - EXIT INT TERM
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "${HLS_DIR:-}" ] && rm -rf "$HLS_DIR"
  [ -n "${RUN_PID:-}" ] && kill -TERM "$RUN_PID" 2>/dev/null && wait "$RUN_PID" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

say() { printf '[bench] %s\n' "$*" >&2; }
api() { curl -sf -u "admin:$ADMIN_PASSWORD" "$@"; }
stop_all() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait "${pids[@]}" 2>/dev/null || true; pids=(); publishers=(); }

# --- the input: 4.5 Mbit/s H.264 720p25 + AAC, GOP 2 s, looped by each publisher ---------------
FIXTURE=$WORK/input-4500k.ts
make_input "$FIXTURE" 4400 4600
FIXTURE_BPS=$(ffprobe -v error -show_entries format=bit_rate -of csv=p=0 "$FIXTURE")

publishers=()
publish() { # $1 = SRT URL
  ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i "$FIXTURE" -c copy -f mpegts "$1" \
    </dev/null >/dev/null 2>&1 &
  pids+=($!); publishers+=($!)
}

slt() { # srt-live-transmit in the background, quiet
  srt-live-transmit -q "$@" </dev/null >/dev/null 2>&1 &
  pids+=($!)
}

publishers_alive() { # how many of the publishers still run
  local n=0 p
  for p in "${publishers[@]}"; do readable "$p" && n=$((n + 1)); done
  echo "$n"
}

measure() { # $1 label, rest: pids; prints cpu-s per stream-minute and PSS per stream
  local label=$1; shift
  local t0 t1 pss alive
  sleep "$WARMUP"
  t0=$(cpu_ticks "$@")
  sleep "$SECONDS_MEASURED"
  t1=$(cpu_ticks "$@")
  pss=$(pss_kb "$@")
  alive=$(publishers_alive)
  (( alive == N )) || { say "$label: only $alive of $N publishers ran to the end of the measurement"; return 1; }
  awk -v l="$label" -v d="$((t1 - t0))" -v hz="$HZ" -v n="$N" -v s="$SECONDS_MEASURED" -v pss="$pss" -v procs="$#" \
    'BEGIN { printf "%-34s %8.3f CPU-s/stream-min %8.1f MiB PSS/stream  (%d receiving processes, %d publishers)\n", l, d / hz / n / (s / 60), pss / 1024 / n, procs, n }'
}

# --- 1. OpenStreamer -------------------------------------------------------------------------------
say "starting OpenStreamer"
start_openstreamer "$WORK"
for i in $(seq 1 "$N"); do
  api -X PUT -H 'Content-Type: application/json' \
    -d "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":$((BASE_PORT + i))}}" \
    "$HTTP/streamer/api/v3/streams/bench$i" >/dev/null
done
# The latency probe's stream: publisher and player on one port, told apart by m= in the streamid.
api -X PUT -H 'Content-Type: application/json' \
  -d "{\"inputs\":[{\"url\":\"publish://\"}],\"srt\":{\"port\":$((PROBE + 1)),\"latency\":$LATENCY}}" \
  "$HTTP/streamer/api/v3/streams/probe" >/dev/null
sleep 2
idle_pss=$(pss_kb "$SERVER_PID")
for i in $(seq 1 "$N"); do publish "srt://127.0.0.1:$((BASE_PORT + i))"; done
server_line=$(measure "openstreamer (srt+demux+hls)" "$SERVER_PID")
server_pss=$(pss_kb "$SERVER_PID")

# Latency, while the N publishers go on: the same packets through OpenStreamer (publisher ->
# server -> SRT player with m=request) and through an srt-live-transmit relay (listener ->
# caller), with srt-live-transmit at both ends of both paths.
say "latency probe: OpenStreamer and an srt-live-transmit relay, ${PROBE_SECONDS} s"
q="latency=$LATENCY"
slt "udp://127.0.0.1:$((PROBE + 2))" "srt://127.0.0.1:$((PROBE + 1))?$q&streamid=#!::m=publish"
slt "srt://127.0.0.1:$((PROBE + 12))?mode=listener&$q" "udp://127.0.0.1:$((PROBE + 13))"
slt "srt://127.0.0.1:$((PROBE + 11))?mode=listener&$q" "srt://127.0.0.1:$((PROBE + 12))?$q"
slt "udp://127.0.0.1:$((PROBE + 10))" "srt://127.0.0.1:$((PROBE + 11))?$q"
sleep 1
python3 "$HERE/latency_probe.py" --ts "$FIXTURE" --bitrate "$FIXTURE_BPS" --seconds "$PROBE_SECONDS" \
  --path "openstreamer:$((PROBE + 2)):$((PROBE + 3))" --path "srt-live-transmit relay:$((PROBE + 10)):$((PROBE + 13))" \
  >"$WORK/latency.txt" &
probe_pid=$!
sleep 3 # the probe stream is live: its player may join
slt "srt://127.0.0.1:$((PROBE + 1))?$q&streamid=#!::m=request" "udp://127.0.0.1:$((PROBE + 3))"
wait "$probe_pid" || true

engine=$(api "$HTTP/streamer/api/v3/engine")
segments=""
for i in $(seq 1 "$N"); do
  segments+="$(curl -s "$HTTP/bench$i/index.m3u8" | awk -F: '/^#EXT-X-MEDIA-SEQUENCE:/{s=$2} /\.ts$/{n++} END{print s + n}') "
done
stop_all
# The publish_stopped events carry the server's SRT counters of each connection; they reach the
# database in batches, so wait until every bench stream has one (or give up after 60 s).
stopped_streams() {
  python3 -c 'import json, sys; print(len({e.get("stream") for e in json.load(sys.stdin)
    if (e.get("stream") or "").startswith("bench") and e.get("data", {}).get("srt_stats")}))' <"$WORK/publish_stopped.json"
}
for _ in $(seq 120); do
  api "$HTTP/streamer/api/v3/events?type=publish_stopped&limit=$((2 * N + 10))" >"$WORK/publish_stopped.json" || true
  [ -s "$WORK/publish_stopped.json" ] && [ "$(stopped_streams)" -ge "$N" ] && break
  sleep 0.5
done
stopped=$(cat "$WORK/publish_stopped.json")
kill -TERM "$RUN_PID"; wait "$RUN_PID" 2>/dev/null || true; RUN_PID=

# --- 2. ffmpeg remux to HLS (the usual open-source answer) -----------------------------------------
say "ffmpeg -c copy -f hls reference"
# Its HLS goes to tmpfs, as OpenStreamer keeps its segments in memory: no disk write in either.
HLS_DIR=$(mktemp -d /dev/shm/openstreamer-bench-hls.XXXXXX)
receivers=()
for i in $(seq 1 "$N"); do
  mkdir -p "$HLS_DIR/$i"
  ffmpeg -hide_banner -loglevel error -i "srt://127.0.0.1:$((BASE_PORT + 100 + i))?mode=listener" -c copy \
    -f hls -hls_time 4 -hls_list_size 4 -hls_flags delete_segments "$HLS_DIR/$i/index.m3u8" \
    </dev/null >/dev/null 2>&1 &
  receivers+=($!); pids+=($!)
done
sleep 1
for i in $(seq 1 "$N"); do publish "srt://127.0.0.1:$((BASE_PORT + 100 + i))"; done
ffmpeg_line=$(measure "ffmpeg -c copy -f hls (to tmpfs)" "${receivers[@]}")
stop_all
rm -rf "$HLS_DIR"; HLS_DIR=

# --- 3. srt-live-transmit relay (libsrt alone) ------------------------------------------------------
say "srt-live-transmit reference"
receivers=()
for i in $(seq 1 "$N"); do
  slt "srt://127.0.0.1:$((BASE_PORT + 200 + i))?mode=listener" file://con
  receivers+=($!)
done
sleep 1
for i in $(seq 1 "$N"); do publish "srt://127.0.0.1:$((BASE_PORT + 200 + i))"; done
slt_line=$(measure "srt-live-transmit (to /dev/null)" "${receivers[@]}")
stop_all

# --- report -----------------------------------------------------------------------------------------
echo
echo "SRT ingest, $N streams of $(awk -v b="$FIXTURE_BPS" 'BEGIN{printf "%.1f", b/1e6}') Mbit/s, ${SECONDS_MEASURED} s measured after ${WARMUP} s warm-up, $(nproc) cores"
echo "$server_line"
echo "$ffmpeg_line"
echo "$slt_line"
awk -v a="$idle_pss" -v b="$server_pss" -v n="$N" 'BEGIN { printf "openstreamer memory added per stream: %.1f MiB PSS (idle server %.0f MiB)\n", (b - a) / 1024 / n, a / 1024 }'
ENGINE=$engine STOPPED=$stopped SEGMENTS=$segments N=$N python3 - <<'EOF'
import json, os, re
e = json.loads(os.environ["ENGINE"])
d = e["engine"]["segment_delay"]
print("segment availability delay: p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d segments"
      % (d["p50"] / 1000, d["p99"] / 1000, d["max"] / 1000, d["count"]))
n = int(os.environ["N"])
bench = [p for p in e["pipelines"] if p["stream"].startswith("bench")]
errors = sum(p.get("errors", 0) for p in bench)
print("input errors across the %d streams (continuity, sync, tables): %d" % (n, errors))
segs = [int(s) for s in os.environ["SEGMENTS"].split()]
print("segments produced per stream: min %d, max %d; streams without a segment: %d"
      % (min(segs), max(segs), sum(1 for s in segs if s == 0)))
totals = {"packetsReceived": 0, "packetsReceivedLost": 0, "packetsReceivedDropped": 0, "packetsReceivedUndecrypted": 0}
streams, connections = set(), 0
for ev in json.loads(os.environ["STOPPED"]):
    stats = ev.get("data", {}).get("srt_stats", "")
    if (ev.get("stream") or "").startswith("bench") and stats:
        streams.add(ev["stream"])
        connections += 1
        for k in totals:
            m = re.search(r"\b%s=(\d+)" % k, stats)
            if not m:
                raise SystemExit("the publish_stopped event of %s has no %s: %s" % (ev["stream"], k, stats))
            totals[k] += int(m.group(1))
if len(streams) != n:
    raise SystemExit("SRT counters: publish_stopped events of only %d of the %d streams arrived" % (len(streams), n))
print("SRT at the server over %d publishers (%d connections): %d packets received, %d lost (gaps seen), %d dropped (too late), %d undecrypted"
      % (len(streams), connections, totals["packetsReceived"], totals["packetsReceivedLost"], totals["packetsReceivedDropped"],
         totals["packetsReceivedUndecrypted"]))
EOF
echo "publisher-to-player latency, SRT latency ${LATENCY} ms on each of the two hops, during the $N-stream load:"
sed 's/^/  /' "$WORK/latency.txt"
awk '/^openstreamer:/{for(i=1;i<=NF;i++){if($i=="p50")a=$(i+1);if($i=="p99")b=$(i+1)}}
     /^srt-live-transmit relay:/{for(i=1;i<=NF;i++){if($i=="p50")c=$(i+1);if($i=="p99")d=$(i+1)}}
     END{if(a!=""&&c!="")printf "  added by OpenStreamer over the relay: p50 %+.1f ms, p99 %+.1f ms\n", a-c, b-d}' "$WORK/latency.txt"
