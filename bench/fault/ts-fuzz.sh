#!/usr/bin/env bash
# Live fuzzing of the TS ingest: while one stream ("clean") is published cleanly over SRT and played
# through /clean/mpegts, another ("fuzz") receives N mutated TS packets over SRT (bit flips,
# truncated datagrams, wrong continuity counters, PID storms, huge PES lengths, a new PAT or PMT
# every packet, random packets, lost sync: ts_fuzz.py), then its clean input again. Checks:
#   1. the clean stream's player sees no continuity error on the media PIDs and no sync loss (on the
#      PAT and PMT PIDs, only the known jump at the start of a session), and its SRT connection
#      loses and drops nothing (the server's counters);
#   2. the fuzzed stream recovers: its HLS playlist grows again once clean input returns;
#   3. the server's RSS after the run is within RSS_GROWTH_MB (default 256) of before the fuzzing;
#   4. the server is still running, with both publishers connected.
# Exits 1 when a property fails, 2 when a tool is missing. ./run builds the project first when it
# changed, so the server may take minutes to come up (the script waits up to 7.5 minutes).
#
#   bench/fault/ts-fuzz.sh [N]          default 1000000 packets (about 50 s at PPS=20000)
#
# Environment: PPS (20000, fuzzed packets per second), DAMAGE (0.5, share of damaged packets),
# RECOVER_SECONDS (20), SEED (1), RSS_GROWTH_MB (256). Ports: HTTP 8080+PORT_OFFSET (26080),
# management MANAGEMENT_PORT+PORT_OFFSET (26990), HTTPS 8443+PORT_OFFSET, PostgreSQL DB_PORT
# (26432), SRT BASE_PORT+1 and +2 (26101, 26102), UDP BASE_PORT+11 (26111). All on 127.0.0.1.
set -euo pipefail

N=${1:-1000000}
PPS=${PPS:-20000}
DAMAGE=${DAMAGE:-0.5}
RECOVER_SECONDS=${RECOVER_SECONDS:-20}
SEED=${SEED:-1}
RSS_GROWTH_MB=${RSS_GROWTH_MB:-256}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bench/tools.sh"
need_tools srt-live-transmit:srt-tools ffmpeg:ffmpeg ffprobe:ffmpeg python3:python3 curl:curl
HERE=$ROOT/bench/fault
WORK=${BENCH_WORK:-$HERE/work}
PORT_OFFSET=${PORT_OFFSET:-18000}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-8990}
HTTP=http://127.0.0.1:$((8080 + PORT_OFFSET))
DB_PORT=${DB_PORT:-26432}
BASE_PORT=${BASE_PORT:-26100}
FUZZ_SRT=$((BASE_PORT + 1)) CLEAN_SRT=$((BASE_PORT + 2)) FUZZ_UDP=$((BASE_PORT + 11))
ADMIN_PASSWORD=bench-admin-password

mkdir -p "$WORK"
pids=()
cleanup() {
  trap - EXIT INT TERM
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "${RUN_PID:-}" ] && kill -TERM "$RUN_PID" 2>/dev/null && wait "$RUN_PID" 2>/dev/null || true
}
trap cleanup EXIT INT TERM
say() { printf '[fuzz] %s\n' "$*" >&2; }
api() { curl -sf -u "admin:$ADMIN_PASSWORD" "$@"; }
rss_mb() { awk '/^VmRSS:/{printf "%d", $2 / 1024}' "/proc/$SERVER_PID/status"; }
segments() { # media sequence + segments listed: grows by one per new segment
  curl -s "$HTTP/$1/index.m3u8" | awk -F: '/^#EXT-X-MEDIA-SEQUENCE:/{s=$2} /\.ts$/{n++} END{print s + n + 0}'
}
failures=()
check() { # $1 = 0/1 (ok?), $2 = description
  if [ "$1" = 1 ]; then say "ok: $2"; else say "FAILED: $2"; failures+=("$2"); fi
}

FIXTURE=$WORK/input-1500k.ts
make_input "$FIXTURE" 1300 1500
FIXTURE_BPS=$(ffprobe -v error -show_entries format=bit_rate -of csv=p=0 "$FIXTURE")

say "starting OpenStreamer"
# a fresh server each run; the extracted PostgreSQL binaries are kept
find "$WORK/var" -mindepth 1 -maxdepth 1 ! -name pg-bin -exec rm -rf {} + 2>/dev/null || true
OPENSTREAMER_VAR=$WORK/var PORT_OFFSET=$PORT_OFFSET MANAGEMENT_PORT=$MANAGEMENT_PORT DB_PORT=$DB_PORT \
  ADMIN_PASSWORD=$ADMIN_PASSWORD "$ROOT/run" >"$WORK/server.log" 2>&1 &
RUN_PID=$!
for _ in $(seq 900); do grep -q "OpenStreamer is running" "$WORK/server.log" && break; sleep 0.5; done
grep -q "OpenStreamer is running" "$WORK/server.log" || { say "server did not start: $WORK/server.log"; exit 1; }
SERVER_PID=
for _ in $(seq 20); do
  for p in $(pgrep -f "jboss.server.base.dir=$WORK/var/wildfly"); do
    [ "$(cat "/proc/$p/comm" 2>/dev/null)" = java ] && SERVER_PID=$p
  done
  [ -n "$SERVER_PID" ] && break
  sleep 0.5
done
[ -n "$SERVER_PID" ] || { say "cannot find the server's JVM"; exit 1; }
for s in fuzz:$FUZZ_SRT clean:$CLEAN_SRT; do
  api -X PUT -H 'Content-Type: application/json' \
    -d "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":${s#*:}}}" \
    "$HTTP/streamer/api/v3/streams/${s%%:*}" >/dev/null
done
sleep 2

# The clean stream, and its player reading the server's continuous MPEG-TS.
ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i "$FIXTURE" -c copy -f mpegts \
  "srt://127.0.0.1:$CLEAN_SRT" </dev/null >/dev/null 2>&1 &
CLEAN_PUBLISHER=$!; pids+=($!)
# The fuzzed stream's carrier: UDP in, SRT caller out.
srt-live-transmit -q "udp://127.0.0.1:$FUZZ_UDP" "srt://127.0.0.1:$FUZZ_SRT" </dev/null >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 60); do [ "$(segments clean)" -ge 2 ] && break; sleep 1; done
[ "$(segments clean)" -ge 2 ] || { say "the clean stream does not play"; exit 1; }
curl -s -N "$HTTP/clean/mpegts" -o "$WORK/clean-played.ts" </dev/null 2>/dev/null &
PLAYER=$!; pids+=($PLAYER)
# A clean start for the fuzzed stream too, so that "recovers" means "again".
python3 "$HERE/ts_fuzz.py" --ts "$FIXTURE" --udp "127.0.0.1:$FUZZ_UDP" --packets 0 --recover-seconds 8 \
  --bitrate "$FIXTURE_BPS" >/dev/null
fuzz_before=$(segments fuzz)
sleep 2
rss_before=$(rss_mb)
say "fuzz segments before: $fuzz_before, server RSS before: $rss_before MiB"

say "fuzzing: $N packets at $PPS/s, ${DAMAGE} damaged, then $RECOVER_SECONDS s clean"
t0=$(date +%s)
python3 "$HERE/ts_fuzz.py" --ts "$FIXTURE" --udp "127.0.0.1:$FUZZ_UDP" --packets "$N" --pps "$PPS" \
  --damage "$DAMAGE" --recover-seconds 0 --seed "$SEED" --bitrate "$FIXTURE_BPS" | tee "$WORK/fuzz.txt" >&2
t1=$(date +%s)
fuzz_end=$(segments fuzz)
python3 "$HERE/ts_fuzz.py" --ts "$FIXTURE" --udp "127.0.0.1:$FUZZ_UDP" --packets 0 \
  --recover-seconds "$RECOVER_SECONDS" --bitrate "$FIXTURE_BPS" >&2
fuzz_after=$(segments fuzz)
rss_after=$(rss_mb)
kill "$PLAYER" 2>/dev/null || true

# The clean publisher leaves; its publish_stopped event carries the server's SRT counters.
kill "$CLEAN_PUBLISHER" 2>/dev/null || true
srt_loss=
for _ in $(seq 60); do
  api "$HTTP/streamer/api/v3/events?type=publish_stopped&limit=20" >"$WORK/publish_stopped.json" || true
  srt_loss=$(python3 -c 'import json, sys
for e in json.load(sys.stdin):
    s = e.get("data", {}).get("srt_stats")
    if e.get("stream") == "clean" and s:
        print(s.get("pktRcvLossTotal", 0), s.get("pktRcvDropTotal", 0), s.get("pktRecvTotal", 0)); break' \
    <"$WORK/publish_stopped.json" 2>/dev/null || true)
  [ -n "$srt_loss" ] && break
  sleep 0.5
done
read -r srt_lost srt_dropped srt_received <<<"${srt_loss:-? ? ?}"
fuzz_disconnects=$(python3 -c 'import json, sys
print(sum(1 for e in json.load(sys.stdin) if e.get("stream") == "fuzz"))' <"$WORK/publish_stopped.json" 2>/dev/null || echo '?')
read -r packets cc_errors psi_cc_errors sync_losses played_pids < <(python3 "$HERE/cc_check.py" "$WORK/clean-played.ts" |
  sed 's/[a-z_]*=//g')
severe=$(grep -c 'SEVERE' "$WORK/server.log" || true)
alive=0; kill -0 "$SERVER_PID" 2>/dev/null && alive=1

echo "ts-fuzz: $N packets in $((t1 - t0)) s (PPS $PPS, damage $DAMAGE, seed $SEED)"
echo "clean stream played: $packets packets, $played_pids PIDs, $cc_errors continuity errors on media PIDs, $psi_cc_errors on PAT/PMT, $sync_losses sync losses"
echo "clean stream SRT (server side): $srt_received packets received, $srt_lost lost, $srt_dropped dropped"
echo "fuzzed stream: $fuzz_disconnects disconnects (publish_stopped events) during the run"
echo "fuzzed stream playlist (media sequence + segments): $fuzz_before before, $fuzz_end at the end of the fuzzing, $fuzz_after after $RECOVER_SECONDS s clean"
echo "server RSS: $rss_before MiB before, $rss_after MiB after; SEVERE log lines: $severe"
check "$([ "$packets" -gt 1000 ] && echo 1 || echo 0)" "the clean stream played ($packets packets)"
check "$([ "$cc_errors" = 0 ] && [ "$sync_losses" = 0 ] && echo 1 || echo 0)" "no continuity error on the clean stream's media PIDs, no sync loss"
# /NAME/mpegts starts with the PAT and PMT carrying the counters that the stream's next table
# packets continue (LiveStream.openReader): no jump on those PIDs either.
check "$([ "$psi_cc_errors" = 0 ] && echo 1 || echo 0)" "no continuity error on the PAT and PMT PIDs ($psi_cc_errors)"
check "$([ "$srt_lost" = 0 ] && [ "$srt_dropped" = 0 ] && echo 1 || echo 0)" "the clean stream's SRT connection lost and dropped nothing"
check "$([ "$fuzz_after" -ge $((fuzz_end + 2)) ] && echo 1 || echo 0)" "the fuzzed stream's playlist grows again once clean input returns"
check "$([ $((rss_after - rss_before)) -le "$RSS_GROWTH_MB" ] && echo 1 || echo 0)" "server RSS grew by at most $RSS_GROWTH_MB MiB ($((rss_after - rss_before)) MiB)"
check "$alive" "the server still runs"
((${#failures[@]} == 0)) || exit 1
