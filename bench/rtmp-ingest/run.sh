#!/usr/bin/env bash
# RTMP ingest benchmark: N RTMP publishers (ffmpeg -re -stream_loop -1 -c copy -f flv) into
# OpenStreamer (RTMP receive + FLV to access units + TS mux + HLS in memory), and in the same run the
# same N streams into nginx with Debian's RTMP module (HLS on, fragments on tmpfs) and into one
# `ffmpeg -listen 1 -f flv -i rtmp://... -c copy -f hls` per stream. Prints CPU seconds per
# stream-minute and memory (PSS) per stream of each, the ratios to nginx-rtmp, and the segments each
# produced per stream.
#
#   bench/rtmp-ingest/run.sh [N] [SECONDS]     defaults: 10 streams, 60 s of measurement each
#
# Each part's figures are also appended to work/results.tsv as soon as it is measured.
#
# Only the receiving processes are measured (the JVM; nginx's master and worker; the ffmpeg
# listeners); the publishers are the same in the three parts and run under `nice` (PUBLISHER_NICE,
# default 5) so that on a busy machine they do not take CPU from what is measured. Needs the project
# built (./run builds it), Debian's ffmpeg, nginx with libnginx-mod-rtmp, python3 and curl (checked
# first: a missing one stops the script with the apt-get command that installs it). Everything runs
# on 127.0.0.1; all processes are stopped at the end. A run takes about 5 minutes at the defaults.
#
# Ports (environment): HTTP 8080+PORT_OFFSET (29080), management MANAGEMENT_PORT+PORT_OFFSET
# (28990), HTTPS 8443+PORT_OFFSET, RTMP 1935+PORT_OFFSET (22935), PostgreSQL DB_PORT (29432);
# nginx-rtmp BASE_PORT (29100), the ffmpeg listeners BASE_PORT+i (i = 1..N, N < 100).
set -euo pipefail

N=${1:-10}
SECONDS_MEASURED=${2:-60}
WARMUP=${WARMUP:-10}
# The JVM compiles its hot paths during the first minutes (C2 compiler threads took half the
# server's CPU in a JFR recording of the first minute): OpenStreamer is measured after this long.
JVM_WARMUP=${JVM_WARMUP:-90}
PUBLISHER_NICE=${PUBLISHER_NICE:-5}
IDLE_SECONDS=${IDLE_SECONDS:-20}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bench/tools.sh"
need_tools ffmpeg:ffmpeg ffprobe:ffmpeg nginx:"nginx libnginx-mod-rtmp" python3:python3 curl:curl
NGINX_RTMP_MODULE=${NGINX_RTMP_MODULE:-/usr/lib/nginx/modules/ngx_rtmp_module.so}
if [ ! -f "$NGINX_RTMP_MODULE" ]; then
  sudo=; [ "$(id -u)" = 0 ] || sudo="sudo "
  printf '[bench] missing: %s\n[bench] install with: %sapt-get install -y libnginx-mod-rtmp\n' "$NGINX_RTMP_MODULE" "$sudo" >&2
  exit 2
fi
HERE=$ROOT/bench/rtmp-ingest
WORK=${BENCH_WORK:-$HERE/work}
PORT_OFFSET=${PORT_OFFSET:-21000}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-7990}
HTTP=http://127.0.0.1:$((8080 + PORT_OFFSET))
RTMP_PORT=$((1935 + PORT_OFFSET))
DB_PORT=${DB_PORT:-29432}
BASE_PORT=${BASE_PORT:-29100}
ADMIN_PASSWORD=bench-admin-password
HZ=$(getconf CLK_TCK)

(( N >= 1 && N < 100 )) || { echo "N must be 1..99" >&2; exit 2; }
mkdir -p "$WORK"
pids=() publishers=()
cleanup() {
  trap - EXIT INT TERM
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "${NGINX_PID:-}" ] && kill -QUIT "$NGINX_PID" 2>/dev/null || true
  [ -n "${HLS_DIR:-}" ] && rm -rf "$HLS_DIR"
  [ -n "${RUN_PID:-}" ] && kill -TERM "$RUN_PID" 2>/dev/null && wait "$RUN_PID" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 143' INT TERM # the EXIT trap cleans up

say() { printf '[bench] %s\n' "$*" >&2; }
api() { curl -sf -u "admin:$ADMIN_PASSWORD" "$@"; }
stop_all() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait "${pids[@]}" 2>/dev/null || true; pids=(); publishers=(); }

# --- the input: 4.5 Mbit/s H.264 720p25 + AAC, GOP 2 s, looped by each publisher ---------------
FIXTURE=$WORK/input-4500k.ts
make_input "$FIXTURE" 4400 4600
FIXTURE_BPS=$(ffprobe -v error -show_entries format=bit_rate -of csv=p=0 "$FIXTURE")

publish() { # $1 = RTMP URL; ffmpeg's FLV muxer turns the ADTS audio into raw AAC itself
  nice -n "$PUBLISHER_NICE" ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i "$FIXTURE" -c copy -f flv "$1" \
    </dev/null >>"$WORK/publishers.log" 2>&1 &
  pids+=($!); publishers+=($!)
}

publishers_alive() { local n=0 p; for p in "${publishers[@]}"; do readable "$p" && n=$((n + 1)); done; echo "$n"; }

# measure LABEL PIDS...: sets CPU (CPU-s per stream-minute), PSS_MIB (per stream) and prints a line
measure() { # WARMUP_NOW (default WARMUP) seconds after the publishers started
  local label=$1; shift
  local t0 t1 pss alive
  sleep "${WARMUP_NOW:-$WARMUP}"
  t0=$(cpu_ticks "$@")
  sleep "$SECONDS_MEASURED"
  t1=$(cpu_ticks "$@")
  pss=$(pss_kb "$@")
  alive=$(publishers_alive)
  (( alive == N )) || { say "$label: only $alive of $N publishers ran to the end of the measurement ($WORK/publishers.log)"; return 1; }
  awk -v l="$label" -v d="$((t1 - t0))" -v hz="$HZ" -v n="$N" -v s="$SECONDS_MEASURED" -v pss="$pss" -v procs="$#" \
    'BEGIN { printf "%s\t%.4f\t%.2f\t%d\n", l, d / hz / n / (s / 60), pss / 1024 / n, procs }' | tee -a "$WORK/results.tsv"
}

hls_segments() { # $1 = folder of one stream's HLS: the media sequence of its playlist + its segments
  awk -F: '/^#EXT-X-MEDIA-SEQUENCE:/{s=$2} /\.ts$/{n++} END{print s + n}' "$1"
}

: >"$WORK/publishers.log"; : >"$WORK/results.tsv"
results=()

# --- 1. OpenStreamer -------------------------------------------------------------------------------
say "starting OpenStreamer (RTMP on $RTMP_PORT)"
start_openstreamer "$WORK"
for i in $(seq 1 "$N"); do
  api -X PUT -H 'Content-Type: application/json' -d '{"inputs":[{"url":"publish://"}]}' \
    "$HTTP/streamer/api/v3/streams/bench$i" >/dev/null
done
sleep 2
idle_pss=$(pss_kb "$SERVER_PID")
# What the idle JVM burns anyway (timers, the database pool, JIT), to tell it from the streams' cost.
i0=$(cpu_ticks "$SERVER_PID"); sleep "$IDLE_SECONDS"; i1=$(cpu_ticks "$SERVER_PID")
idle_cpu=$(awk -v d="$((i1 - i0))" -v hz="$HZ" -v s="$IDLE_SECONDS" 'BEGIN { printf "%.4f", d / hz / (s / 60) }')
for i in $(seq 1 "$N"); do publish "rtmp://127.0.0.1:$RTMP_PORT/static/bench$i"; done
results+=("$(WARMUP_NOW=$JVM_WARMUP measure "openstreamer (rtmp+mux+hls in memory)" "$SERVER_PID")")
server_pss=$(pss_kb "$SERVER_PID")
engine=$(api "$HTTP/streamer/api/v3/engine")
ours_segments=""
for i in $(seq 1 "$N"); do
  ours_segments+="$(curl -s "$HTTP/bench$i/index.m3u8" | awk -F: '/^#EXT-X-MEDIA-SEQUENCE:/{s=$2} /\.ts$/{n++} END{print s + n}') "
done
stop_all
kill -TERM "$RUN_PID"; wait "$RUN_PID" 2>/dev/null || true; RUN_PID=

# HLS of the references goes to tmpfs, as OpenStreamer keeps its segments in memory.
HLS_DIR=$(mktemp -d /dev/shm/openstreamer-bench-rtmp.XXXXXX)

# --- 2. nginx-rtmp, HLS on ---------------------------------------------------------------------------
say "nginx-rtmp reference (port $BASE_PORT)"
NGX=$WORK/nginx
rm -rf "$NGX"; mkdir -p "$NGX/logs" "$HLS_DIR/nginx"
# nginx's worker runs as nobody when started by root: it must be able to write the fragments
chmod 755 "$HLS_DIR"; chmod 777 "$HLS_DIR/nginx"
cat >"$NGX/nginx.conf" <<CONF
load_module $NGINX_RTMP_MODULE;
worker_processes 1;
daemon off;
pid $NGX/nginx.pid;
error_log $NGX/logs/error.log warn;
events { worker_connections 1024; }
rtmp {
  server {
    listen 127.0.0.1:$BASE_PORT;
    application live {
      live on;
      record off;
      hls on;
      hls_path $HLS_DIR/nginx;
      hls_nested on;
      hls_fragment 4s;
      hls_playlist_length 16s;
    }
  }
}
CONF
nginx -p "$NGX/" -e "$NGX/logs/error.log" -c "$NGX/nginx.conf" </dev/null >"$NGX/logs/stdout.log" 2>&1 &
NGINX_PID=$!
sleep 1
readable "$NGINX_PID" || { say "nginx did not start: $NGX/logs/error.log"; exit 1; }
# the master, its worker and, with HLS on, the cache manager that deletes old fragments
nginx_pids=("$NGINX_PID" $(pgrep -P "$NGINX_PID"))
(( ${#nginx_pids[@]} >= 2 )) || { say "nginx has no worker: $NGX/logs/error.log"; exit 1; }
for i in $(seq 1 "$N"); do publish "rtmp://127.0.0.1:$BASE_PORT/live/bench$i"; done
results+=("$(measure "nginx-rtmp (hls on, to tmpfs)" "${nginx_pids[@]}")")
nginx_segments=""
for i in $(seq 1 "$N"); do nginx_segments+="$(hls_segments "$HLS_DIR/nginx/bench$i/index.m3u8" 2>/dev/null || echo 0) "; done
# A reference that wrote no HLS did less work than asked: its figure would flatter it.
[[ " $nginx_segments" != *" 0 "* ]] || { say "nginx-rtmp wrote no HLS for some streams: $NGX/logs/error.log"; tail -3 "$NGX/logs/error.log" >&2; exit 1; }
stop_all
kill -QUIT "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; NGINX_PID=

# --- 3. one ffmpeg RTMP listener per stream, remuxing to HLS ------------------------------------------
say "ffmpeg -listen 1 -f flv ... -f hls reference (ports $((BASE_PORT + 1))..$((BASE_PORT + N)))"
receivers=()
for i in $(seq 1 "$N"); do
  mkdir -p "$HLS_DIR/ffmpeg/$i"
  ffmpeg -hide_banner -loglevel error -listen 1 -f flv -i "rtmp://127.0.0.1:$((BASE_PORT + i))/live/bench$i" -c copy \
    -f hls -hls_time 4 -hls_list_size 4 -hls_flags delete_segments "$HLS_DIR/ffmpeg/$i/index.m3u8" \
    </dev/null >>"$WORK/receivers.log" 2>&1 &
  receivers+=($!); pids+=($!)
done
sleep 1
for i in $(seq 1 "$N"); do publish "rtmp://127.0.0.1:$((BASE_PORT + i))/live/bench$i"; done
results+=("$(measure "ffmpeg -listen 1 -f flv -c copy -f hls" "${receivers[@]}")")
ffmpeg_segments=""
for i in $(seq 1 "$N"); do ffmpeg_segments+="$(hls_segments "$HLS_DIR/ffmpeg/$i/index.m3u8" 2>/dev/null || echo 0) "; done
stop_all
rm -rf "$HLS_DIR"; HLS_DIR=

# --- report -----------------------------------------------------------------------------------------
echo
echo "RTMP ingest, $N streams of $(awk -v b="$FIXTURE_BPS" 'BEGIN{printf "%.1f", b/1e6}') Mbit/s, ${SECONDS_MEASURED} s measured after a warm-up of ${JVM_WARMUP} s (openstreamer) and ${WARMUP} s (the others), $(nproc) cores, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%s\n' "${results[@]}" | awk -F'\t' '
  NR == 2 { ref_cpu = $2; ref_mem = $3 }
  { name[NR] = $1; cpu[NR] = $2; mem[NR] = $3; procs[NR] = $4 }
  END {
    for (i = 1; i <= NR; i++)
      printf "%-40s %8.3f CPU-s/stream-min (x%.2f of nginx-rtmp) %7.1f MiB PSS/stream (x%.2f)  [%d processes]\n",
        name[i], cpu[i], (ref_cpu > 0 ? cpu[i] / ref_cpu : 0), mem[i], (ref_mem > 0 ? mem[i] / ref_mem : 0), procs[i]
  }'
awk -v c="$(head -n1 "$WORK/results.tsv" | cut -f2)" -v i="$idle_cpu" -v r="$(sed -n 2p "$WORK/results.tsv" | cut -f2)" -v n="$N" \
  'BEGIN { printf "openstreamer without its idle CPU (%.3f CPU-s a minute before the publishers came): %.3f CPU-s/stream-min (x%.2f of nginx-rtmp)\n", i, c - i / n, (r > 0 ? (c - i / n) / r : 0) }'
awk -v a="$idle_pss" -v b="$server_pss" -v n="$N" 'BEGIN { printf "openstreamer memory added per stream: %.1f MiB PSS (idle server %.0f MiB)\n", (b - a) / 1024 / n, a / 1024 }'
for part in ours:"$ours_segments" nginx-rtmp:"$nginx_segments" ffmpeg:"$ffmpeg_segments"; do
  echo "${part%%:*}" "${part#*:}" | awk '{ min = 1e9; max = 0; zero = 0
    for (i = 2; i <= NF; i++) { if ($i < min) min = $i; if ($i > max) max = $i; if ($i == 0) zero++ }
    printf "segments per stream, %s: min %d, max %d; streams without a segment: %d\n", $1, min, max, zero }'
done
ENGINE=$engine python3 - <<'PY'
import json, os
e = json.loads(os.environ["ENGINE"])
bench = [p for p in e["pipelines"] if p["stream"].startswith("bench")]
print("openstreamer input errors across the %d streams: %d" % (len(bench), sum(p.get("errors", 0) for p in bench)))
PY
