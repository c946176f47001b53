#!/usr/bin/env bash
# SRT port-range benchmark (issue "SRT publishing from many authors"): a publish range of 10,000
# ports resolved by a configuration backend. Prints the server's memory, thread count and idle CPU
# with the range configured and 0, 10 and 100 active publishers; the time from a caller's first
# handshake packet to its accepted connection with a backend answering in 1 ms and in 200 ms; and,
# in the same run, the cost of the eager way (libsrt listeners bound up front) as the reference:
# EAGER_LISTENERS listeners in one idle JVM, measured against the same JVM with libsrt loaded and
# no listener, and only that difference scaled to 10,000 ports. Memory is PSS on both sides.
#
#   bench/srt-port-range/run.sh [EAGER_LISTENERS]     default 500 (the reference is scaled per port)
#
# Needs the project built (./run builds it), python3 and a JDK. Loopback only; everything started
# here is stopped at the end. Uses TCP 8980/10890/25900/12399 and UDP 2345-12344 and 27000-27999.
set -euo pipefail

EAGER=${1:-500}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bench/tools.sh"
need_tools java:openjdk-17-jdk-headless python3:python3 ffmpeg:ffmpeg curl:curl
WORK=${BENCH_WORK:-$ROOT/bench/srt-port-range/work}
PORT_OFFSET=900                  # HTTP 8980
HTTP=http://127.0.0.1:$((8080 + PORT_OFFSET))
DB_PORT=25900
BACKEND_PORT=12399
FIRST=2345; LAST=12344           # the reference's range: 10,000 ports
ADMIN_PASSWORD=bench-admin-password
HZ=$(getconf CLK_TCK)
CLASSES=$ROOT/media-connector/rar/target/classes
FIXTURE=$ROOT/tests/target/fixtures/testsrc-320x240.ts

mkdir -p "$WORK"
pids=()
cleanup() {
  trap - EXIT INT TERM
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "${RUN_PID:-}" ] && kill -TERM "$RUN_PID" 2>/dev/null && wait "$RUN_PID" 2>/dev/null || true
}
trap cleanup EXIT INT TERM
say() { printf '[bench] %s\n' "$*" >&2; }

if [ ! -f "$FIXTURE" ]; then # the same small input the integration tests make
  mkdir -p "$(dirname "$FIXTURE")"
  ffmpeg -hide_banner -loglevel error -y -f lavfi -i testsrc=size=320x240:rate=25 -t 20 -c:v libx264 \
    -preset veryfast -g 50 -b:v 90k -f mpegts "$FIXTURE"
fi
callers() { java -Dfile.seconds=20 -Dclk.tck="$HZ" -cp "$CLASSES" "$ROOT/bench/srt-port-range/SrtCallers.java" "$@"; }
backend() { # $1 = srt_port_resolve delay in ms
  [ -n "${BACKEND_PID:-}" ] && kill "$BACKEND_PID" 2>/dev/null && wait "$BACKEND_PID" 2>/dev/null || true
  python3 "$ROOT/docs/examples/config-backend.py" --listen $BACKEND_PORT --authors 10000 --first-port $FIRST \
    --delay-ms "$1" >"$WORK/backend.log" 2>&1 &
  BACKEND_PID=$!; pids+=($!)
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$BACKEND_PORT/config_backend/streams" -o /dev/null && return; sleep 0.1; done
  say "backend did not start"; exit 1
}
api() { curl -sf -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: application/json' "$@"; }
server_figures() { # $1 label: threads, PSS, idle CPU over 10 s
  local t0 t1 pss threads fds
  t0=$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"); sleep 10; t1=$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")
  pss=$(awk '/^Pss:/{print $2}' "/proc/$SERVER_PID/smaps_rollup")
  threads=$(awk '/^Threads:/{print $2}' "/proc/$SERVER_PID/status")
  fds=$(ls "/proc/$SERVER_PID/fd" | wc -l)
  awk -v l="$1" -v t="$threads" -v p="$pss" -v f="$fds" -v c="$((t1 - t0))" -v hz="$HZ" \
    'BEGIN { printf "%-44s threads %5d   PSS %6.0f MiB   fds %6d   CPU %5.1f %%\n", l, t, p / 1024, f, c * 10 / hz }'
}
figure() { # $1 line of server_figures, $2 field name: its value
  awk -v k="$2" '{ for (i = 1; i < NF; i++) if ($i == k) { print $(i + 1); exit } }' <<<"$1"
}

say "starting OpenStreamer"
rm -rf "$WORK/var"
OPENSTREAMER_VAR=$WORK/var PORT_OFFSET=$PORT_OFFSET DB_PORT=$DB_PORT ADMIN_PASSWORD=$ADMIN_PASSWORD \
  "$ROOT/run" >"$WORK/server.log" 2>&1 &
RUN_PID=$!
for _ in $(seq 240); do grep -q "OpenStreamer is running" "$WORK/server.log" && break; sleep 0.5; done
grep -q "OpenStreamer is running" "$WORK/server.log" || { say "server did not start: $WORK/server.log"; exit 1; }
SERVER_PID=
for p in $(pgrep -f "jboss.server.base.dir=$WORK/var/wildfly"); do
  [ "$(cat "/proc/$p/comm" 2>/dev/null)" = java ] && SERVER_PID=$p
done
[ -n "$SERVER_PID" ] || { say "cannot find the server's JVM"; exit 1; }

lines=()
sleep 5
lines+=("$(server_figures "no range configured")")
backend 1
api -X PUT "$HTTP/streamer/api/v3/config" -o /dev/null --data "{\"listeners\":{\"srt\":[{\"mode\":\"publish\",\"ports\":{\"first\":$FIRST,\"last\":$LAST}}]},\"config_external\":\"http://127.0.0.1:$BACKEND_PORT/config_backend/\"}"
for _ in $(seq 100); do api "$HTTP/streamer/api/v3/streams/author-9999" -o /dev/null && break; sleep 0.2; done
sleep 20 # let the first apply of 10,000 streams and its compilation settle
lines+=("$(server_figures "10,000-port range, 0 publishers")")

say "10 publishers, backend answering in 1 ms"
callers publish 127.0.0.1 $FIRST 0 10 40 "$FIXTURE" >"$WORK/callers-10.log" 2>&1 & pids+=($!)
sleep 20; lines+=("$(server_figures "10,000-port range, 10 publishers")")
wait "${pids[-1]}" || true
admit_1ms_10=$(head -1 "$WORK/callers-10.log")

say "100 more publishers on never-resolved ports, backend answering in 1 ms"
callers publish 127.0.0.1 $FIRST 100 100 40 "$FIXTURE" >"$WORK/callers-100.log" 2>&1 & pids+=($!)
sleep 20; lines+=("$(server_figures "10,000-port range, 100 publishers")")
wait "${pids[-1]}" || true
admit_1ms=$(head -1 "$WORK/callers-100.log")

say "100 publishers on never-resolved ports, backend answering in 200 ms"
backend 200
callers publish 127.0.0.1 $FIRST 1000 100 10 "$FIXTURE" >"$WORK/callers-200ms.log" 2>&1 || true
admit_200ms=$(head -1 "$WORK/callers-200ms.log")
engine=$(api "$HTTP/streamer/api/v3/engine")

say "reference: $EAGER libsrt listeners bound up front (one process, idle)"
eager=$(callers listen 27000 "$EAGER" 10) || eager="the eager run failed"

echo
echo "SRT publish range of 10,000 ports resolved through config_external, $(nproc) cores"
printf '%s\n' "${lines[@]}"
echo "first connection on a never-seen port (caller side, srt_connect until accepted):"
echo "  backend 1 ms,   10 callers at once: $admit_1ms_10"
echo "  backend 1 ms,  100 callers at once: $admit_1ms"
echo "  backend 200 ms, 100 callers at once: $admit_200ms"
echo "$engine" | python3 -c '
import json, sys
a = json.load(sys.stdin)["engine"]["srt_ranges"]["admission"]
print("server side, first handshake packet to accept, all runs: p50 %.1f ms, p99 %.1f ms over %d connections" % (a["p50"] / 1000, a["p99"] / 1000, a["count"]))'
echo "reference (eager): $eager"
echo "$eager" | awk -v n="$EAGER" '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
  END { if (v["threads"] == "") { print "  no eager figures"; exit 1 }
        printf "  added by %d listeners: %d threads, %.0f MiB PSS, %.1f %% of a core idle\n", n, v["threads"] - v["base_threads"], v["pss_mib"] - v["base_pss_mib"], v["idle_cpu_percent"] - v["base_idle_cpu_percent"]
        printf "  scaled to 10,000 ports: +%d threads, +%.0f MiB PSS, +%.0f %% of a core idle\n", (v["threads"] - v["base_threads"]) / n * 10000, (v["pss_mib"] - v["base_pss_mib"]) / n * 10000, (v["idle_cpu_percent"] - v["base_idle_cpu_percent"]) / n * 10000 }'
echo "the server, range configured against none (0 publishers): $(awk -v a="$(figure "${lines[0]}" threads)" -v b="$(figure "${lines[1]}" threads)" \
  -v c="$(figure "${lines[0]}" PSS)" -v d="$(figure "${lines[1]}" PSS)" 'BEGIN { printf "%+d threads, %+.0f MiB PSS (heap for the 10,000 backend streams included)", b - a, d - c }')"
