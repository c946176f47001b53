#!/usr/bin/env bash
# HLS egress benchmark: one live stream published over SRT into OpenStreamer, then in one run
#   1. wrk against one segment and against the live playlist, served by OpenStreamer and by
#      Debian's nginx (1 worker, then 2 workers) from copies of the same files in tmpfs: requests/s,
#      Gbit/s, p50 and p99 latency, errors and the server's CPU per request (utime + stime from
#      /proc: the whole WildFly JVM, or the nginx workers), with OpenStreamer / nginx ratios;
#   2. VIEWERS HLS viewers (HlsViewers.java) following the live stream for FOLLOW_SECONDS: errors,
#      segments missed and segments late (complete more than a target duration after the viewer
#      first saw them listed), and the growth of the server's RSS.
#
#   bench/hls-egress/run.sh
#   ROUNDS=1 DURATION=5s VIEWERS=200 FOLLOW_SECONDS=20 bench/hls-egress/run.sh     a short run
#   DRM=1 ROUNDS=1 DURATION=5s VIEWERS=0 bench/hls-egress/run.sh      protected vs unprotected segments
#
# Settings (environment): ROUNDS (3) of wrk runs, interleaving the servers (the report gives the
# median of each figure), DURATION (15s) and WARMUP (5s, 0 for none) of each wrk run, THREADS (2),
# CONNECTIONS (100) and TIMEOUT (10s: a response slower than that counts as an error) of wrk, VIEWERS (1000), FOLLOW_SECONDS (60), SPREAD_SECONDS (5: viewers
# join over that time; 0 skips the viewers test), SETTLE (10 s before the second RSS reading), IO_THREADS (unset:
# WildFly's default of twice the cores; set, the server's I/O worker is given that many threads), SERVER_CLI (unset;
# management CLI operations, comma-separated, applied before a reload: to try a server setting), CLIENT_RCVBUF
# (unset; bytes: the starting receive buffer of new TCP sockets during the run, root only, see below), DRM (0; 1 adds
# a second stream, DRM-protected with AES-128 (docs/drm.md), published beside the first on SRT_PORT+1: wrk
# then also fetches its newest segment with a viewer's token, and the report compares protected with
# unprotected segment egress, target >= 0.95x).
#
# Needs the project built (./run builds it), wrk, nginx, ffmpeg (with ffprobe), curl and a JDK 17.
# Everything runs on 127.0.0.1: HTTP 8080+PORT_OFFSET (24080), HTTPS 8443+PORT_OFFSET (24443),
# management MANAGEMENT_PORT+PORT_OFFSET (24190), PostgreSQL DB_PORT (24432), SRT SRT_PORT (24101,
# UDP), nginx NGINX_PORT (24181, 1 worker) and NGINX_PORT+1 (24182, 2 workers). Every process
# started here is stopped at the end and the tmpfs copy removed. A run with the defaults takes about 9 minutes.
#
# Exits non-zero when a figure could not be taken (wrk printed nothing, a process vanished, errors
# during a wrk run, the viewers client gave no result); targets missed are reported, not fatal.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/bench/hls-egress
WORK=${BENCH_WORK:-$HERE/work}
# shellcheck source=../tools.sh
. "$ROOT/bench/tools.sh"
need_tools wrk:wrk nginx:nginx ffmpeg:ffmpeg ffprobe:ffmpeg curl:curl java:openjdk-17-jdk-headless

DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-100}
TIMEOUT=${TIMEOUT:-10s}
VIEWERS=${VIEWERS:-1000}
FOLLOW_SECONDS=${FOLLOW_SECONDS:-60}
SPREAD_SECONDS=${SPREAD_SECONDS:-5}
SETTLE=${SETTLE:-10}
ROUNDS=${ROUNDS:-3}
DRM=${DRM:-0}
DRM_STREAM=bench-hls-drm
PORT_OFFSET=${PORT_OFFSET:-16000}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-8190}
DB_PORT=${DB_PORT:-24432}
SRT_PORT=${SRT_PORT:-24101}
NGINX_PORT=${NGINX_PORT:-24181}
HTTP_PORT=$((8080 + PORT_OFFSET))
HTTP=http://127.0.0.1:$HTTP_PORT
STREAM=bench-hls
ADMIN_PASSWORD=bench-admin-password
HZ=$(getconf CLK_TCK)

say() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] FAILED: %s\n' "$*" >&2; exit 1; }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
seconds_of() { # a wrk duration (15s, 2m, 1h, 15) in seconds
  case $1 in *h) echo $(( ${1%h} * 3600 )) ;; *m) echo $(( ${1%m} * 60 )) ;; *s) echo "${1%s}" ;; *) echo "$1" ;; esac
}
DURATION_S=$(seconds_of "$DURATION")
WARMUP_S=$(seconds_of "$WARMUP")
[[ $DURATION_S =~ ^[0-9]+$ && $WARMUP_S =~ ^[0-9]+$ ]] || die "DURATION and WARMUP are whole seconds, minutes or hours (15s, 1m)"
(( DURATION_S >= 1 )) || die "DURATION must be at least 1 s"
# The segment measured stays in memory for about 30 x 4 s after it is picked; both runs on it must fit.
(( WARMUP_S + DURATION_S <= 90 )) || die "WARMUP + DURATION must stay within 90 s (the segment's life in the window)"
java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')
[ "${java_major%%.*}" -ge 17 ] 2>/dev/null || die "Java 17 or newer is needed (found ${java_major:-none})"
for p in "$NGINX_PORT" $((NGINX_PORT + 1)); do port_busy "$p" && die "port $p is in use: set NGINX_PORT"; done
# 1,000 viewers need as many sockets in the client and in the server.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

mkdir -p "$WORK"
SHM=
pids=()
stop_pids() { # (a bare `wait` would wait for the server too)
  (( ${#pids[@]} )) || return 0
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait "${pids[@]}" 2>/dev/null || true
  pids=()
}
cleanup() {
  trap - EXIT INT TERM
  stop_pids
  [ -n "${RUN_PID:-}" ] && kill -TERM "$RUN_PID" 2>/dev/null && wait "$RUN_PID" 2>/dev/null || true
  if [ -n "$SHM" ]; then rm -rf "$SHM"; fi
  if [ -n "${RMEM_BEFORE:-}" ]; then sysctl -qw net.ipv4.tcp_rmem="$RMEM_BEFORE" || true; fi
}
trap cleanup EXIT INT TERM
# CLIENT_RCVBUF (bytes): the initial receive buffer of every new TCP socket for this run, restored at
# the end (root only; it changes the machine's net.ipv4.tcp_rmem meanwhile). wrk never sets one, so
# the kernel autotunes it, and on loopback that depends on how fast the server answers: see
# docs/benchmarks.md. A fixed start gives both servers' connections the same client window.
if [ -n "${CLIENT_RCVBUF:-}" ]; then
  [[ $CLIENT_RCVBUF =~ ^[0-9]+$ ]] || die "CLIENT_RCVBUF is a number of bytes"
  [ -w /proc/sys/net/ipv4/tcp_rmem ] || die "CLIENT_RCVBUF needs root (it sets net.ipv4.tcp_rmem)"
  RMEM_BEFORE=$(sysctl -n net.ipv4.tcp_rmem | tr -s '\t ' ' ')
  read -r rmem_min _ rmem_max <<<"$RMEM_BEFORE"
  (( CLIENT_RCVBUF <= rmem_max )) || die "CLIENT_RCVBUF is over net.ipv4.tcp_rmem's maximum ($rmem_max)"
  sysctl -qw net.ipv4.tcp_rmem="$rmem_min $CLIENT_RCVBUF $rmem_max"
  say "net.ipv4.tcp_rmem is '$rmem_min $CLIENT_RCVBUF $rmem_max' for this run (was '$RMEM_BEFORE')"
fi

cpu_ticks() { # sum of utime+stime of the given pids; fails if one is gone
  local t=0 p s
  for p in "$@"; do
    s=$(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null) || return 1
    t=$((t + s))
  done
  echo "$t"
}
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null; }

# --- the input: 4.5 Mbit/s H.264 720p25 + AAC, GOP 2 s, looped by the publisher --------------------
FIXTURE=$WORK/input-4500k.ts
make_input "$FIXTURE" 4400 4600
FIXTURE_BPS=$(ffprobe -v error -show_entries format=bit_rate -of csv=p=0 "$FIXTURE")

# --- the server and the stream ----------------------------------------------------------------------
say "starting OpenStreamer on $HTTP"
rm -rf "$WORK/var"
# In its own session: a TERM sent to this script's whole process group (timeout, a CI runner) must not
# reach ./run while it stops WildFly and PostgreSQL on the TERM that cleanup sends.
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
    [ "$(cat "/proc/$p/comm" 2>/dev/null)" = java ] && SERVER_PID=$p # not the standalone.sh shell
  done
  [ -n "$SERVER_PID" ] && break
  sleep 0.5
done
[ -n "$SERVER_PID" ] || die "cannot find the server's JVM"
CLI=${SERVER_CLI:-}
if [ -n "${IO_THREADS:-}" ]; then # the server's HTTP I/O threads (WildFly's default: twice the cores)
  CLI="/subsystem=io/worker=default:write-attribute(name=io-threads,value=$IO_THREADS)${CLI:+,$CLI}"
fi
if [ -n "$CLI" ]; then
  say "applying $CLI and reloading"
  cli=("$ROOT/ear/target/server/bin/jboss-cli.sh" --connect --controller="127.0.0.1:$((MANAGEMENT_PORT + PORT_OFFSET))")
  "${cli[@]}" --commands="$CLI" >"$WORK/cli.log" 2>&1 || die "the management CLI refused: $CLI (see $WORK/cli.log)"
  "${cli[@]}" --command=reload >>"$WORK/cli.log" 2>&1 || true # the connection may close under it: the health check below decides
  sleep 2
  for _ in $(seq 120); do
    curl -sf -o /dev/null "$HTTP/health" && break
    sleep 0.5
  done
fi

curl -sf -u "admin:$ADMIN_PASSWORD" -X PUT -H 'Content-Type: application/json' \
  -d "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":$SRT_PORT},\"segment_duration\":4,\"segment_count\":30}" \
  "$HTTP/streamer/api/v3/streams/$STREAM" >/dev/null || die "cannot create the stream through the API"
sleep 1
ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i "$FIXTURE" -c copy -f mpegts "srt://127.0.0.1:$SRT_PORT" \
  </dev/null >"$WORK/publisher.log" 2>&1 &
PUBLISHER_PID=$!
pids+=("$PUBLISHER_PID")
if [ "$DRM" = 1 ]; then
  curl -sf -u "admin:$ADMIN_PASSWORD" -X PUT -H 'Content-Type: application/json' \
    -d "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":$((SRT_PORT + 1))},\"segment_duration\":4,\"segment_count\":30}" \
    "$HTTP/streamer/api/v3/streams/$DRM_STREAM" >/dev/null || die "cannot create the protected stream"
  curl -sf -u "admin:$ADMIN_PASSWORD" -X PUT -H 'Content-Type: application/json' -d '{"method":"aes128"}' \
    "$HTTP/streamer/api/v3/drm/$DRM_STREAM" >/dev/null || die "cannot protect $DRM_STREAM"
  sleep 1
  ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i "$FIXTURE" -c copy -f mpegts "srt://127.0.0.1:$((SRT_PORT + 1))" \
    </dev/null >"$WORK/publisher-drm.log" 2>&1 &
  DRM_PUBLISHER_PID=$!
  pids+=("$DRM_PUBLISHER_PID")
fi

PLAYLIST_PATH=/$STREAM/index.m3u8
listed() { awk '!/^#/ && NF { n++ } END { print n + 0 }' <<<"$1"; }
say "waiting for 3 segments in $PLAYLIST_PATH"
playlist=
for _ in $(seq 120); do
  playlist=$(curl -sf "$HTTP$PLAYLIST_PATH" || true)
  (( $(listed "$playlist") >= 3 )) && break
  kill -0 "$PUBLISHER_PID" 2>/dev/null || die "the publisher exited: $(cat "$WORK/publisher.log")"
  sleep 0.5
done
(( $(listed "$playlist") >= 3 )) || die "the playlist did not list 3 segments within 60 s"

# --- the files nginx serves: copies of the newest segment and of the playlist, in tmpfs -----------------
SHM=$(mktemp -d /dev/shm/openstreamer-hls-egress.XXXXXX)
chmod 755 "$SHM" # nginx workers may run as another user
copy_newest() { # sets SEGMENT_PATH, SEGMENT_BYTES, PLAYLIST_BYTES: the newest segment and the playlist as they are now
  local playlist segment
  playlist=$(curl -sf "$HTTP$PLAYLIST_PATH") || die "cannot fetch $PLAYLIST_PATH"
  segment=$(awk '!/^#/ && NF { s = $0 } END { print s }' <<<"$playlist")
  case $segment in /*) SEGMENT_PATH=$segment ;; *) SEGMENT_PATH=/$STREAM/$segment ;; esac
  mkdir -p "$SHM$(dirname "$SEGMENT_PATH")" "$SHM$(dirname "$PLAYLIST_PATH")"
  curl -sf -o "$SHM$SEGMENT_PATH" "$HTTP$SEGMENT_PATH" || die "cannot fetch $SEGMENT_PATH"
  printf '%s' "$playlist" >"$SHM$PLAYLIST_PATH.part" && mv "$SHM$PLAYLIST_PATH.part" "$SHM$PLAYLIST_PATH"
  chmod -R a+rX "$SHM"
  SEGMENT_BYTES=$(stat -c %s "$SHM$SEGMENT_PATH")
  PLAYLIST_BYTES=$(stat -c %s "$SHM$PLAYLIST_PATH")
  say "segment $SEGMENT_PATH ($SEGMENT_BYTES bytes), playlist $PLAYLIST_BYTES bytes"
}
copy_newest

DRM_PLAYLIST_PATH="/$DRM_STREAM/index.m3u8?token=bench"
drm_newest() { # sets DRM_SEGMENT_URL: the protected stream's newest segment, with the bench viewer's token
  local playlist segment
  for _ in $(seq 60); do
    playlist=$(curl -sf "$HTTP$DRM_PLAYLIST_PATH" || true)
    (( $(listed "$playlist") >= 2 )) && break
    sleep 0.5
  done
  grep -q '^#EXT-X-KEY:METHOD=AES-128' <<<"$playlist" || die "the protected playlist has no key: $playlist"
  segment=$(awk '!/^#/ && NF { s = $0 } END { print s }' <<<"$playlist")
  DRM_SEGMENT_URL=$HTTP/$DRM_STREAM/$segment
  curl -sf -o /dev/null "$DRM_SEGMENT_URL" || die "cannot fetch the protected segment $DRM_SEGMENT_URL"
  say "protected segment $DRM_SEGMENT_URL"
}
[ "$DRM" = 1 ] && drm_newest

start_nginx() { # $1 workers, $2 port: sets NGINX_MASTER and NGINX_WORKERS
  local dir=$WORK/nginx-$1
  rm -rf "$dir"; mkdir -p "$dir"
  cat >"$dir/nginx.conf" <<EOF
worker_processes $1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  types {
    application/vnd.apple.mpegurl m3u8;
    video/mp2t ts;
  }
  default_type application/octet-stream;
  client_body_temp_path $dir/body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  server {
    listen 127.0.0.1:$2;
    root $SHM;
  }
}
EOF
  nginx -p "$dir/" -e "$dir/error.log" -c "$dir/nginx.conf" </dev/null >"$dir/stdout.log" 2>&1 &
  NGINX_MASTER=$!
  pids+=("$NGINX_MASTER")
  for _ in $(seq 50); do
    curl -sf -o /dev/null "http://127.0.0.1:$2$PLAYLIST_PATH" && break
    kill -0 "$NGINX_MASTER" 2>/dev/null || break
    sleep 0.2
  done
  curl -sf -o /dev/null "http://127.0.0.1:$2$SEGMENT_PATH" ||
    die "nginx ($1 worker(s)) does not serve $SEGMENT_PATH: $(cat "$dir/error.log" "$dir/stdout.log" 2>/dev/null)"
  NGINX_WORKERS=$(pgrep -P "$NGINX_MASTER" | tr '\n' ' ')
  [ "$(wc -w <<<"$NGINX_WORKERS")" = "$1" ] || die "nginx has workers '$NGINX_WORKERS', expected $1"
}
start_nginx 1 "$NGINX_PORT"; N1_WORKERS=$NGINX_WORKERS
start_nginx 2 $((NGINX_PORT + 1)); N2_WORKERS=$NGINX_WORKERS

# --- 1. wrk -------------------------------------------------------------------------------------------
declare -A RPS GBPS P50 P99 ERRS CPU_US
failures=()
wrk_run() { # $1 key, $2 URL, rest: the server's pids (their CPU is counted)
  local key=$1 url=$2 out=$WORK/wrk-$1.txt t0 t1 line
  shift 2
  if (( WARMUP_S > 0 )); then
    timeout $((WARMUP_S + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" --timeout "$TIMEOUT" -d"$WARMUP_S"s "$url" >"$WORK/wrk-$key-warmup.txt" 2>&1 ||
      die "wrk warm-up failed for $key ($url): $(cat "$WORK/wrk-$key-warmup.txt")"
  fi
  t0=$(cpu_ticks "$@") || die "a server process vanished before the $key run (pids $*)"
  timeout $((DURATION_S + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" --timeout "$TIMEOUT" -d"$DURATION_S"s --latency "$url" >"$out" 2>&1 ||
    die "wrk failed for $key ($url): $(cat "$out")"
  t1=$(cpu_ticks "$@") || die "a server process vanished during the $key run (pids $*)"
  # requests seconds bytes p50_ms p99_ms errors; wrk prints sizes in binary units, times in us/ms/s/m/h
  line=$(awk '
    function ms(v) { if (v ~ /us$/) return v * 0.001; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000;
                     if (v ~ /h$/) return v * 3600000; if (v ~ /s$/) return v * 1000; return -1 }
    function size(v) { if (v ~ /TB$/) return v * 1024^4; if (v ~ /GB$/) return v * 1024^3; if (v ~ /MB$/) return v * 1024^2;
                       if (v ~ /KB$/) return v * 1024; return v + 0 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    / requests in / { req = $1; sec = $4 + 0; bytes = size($5) }
    /^ *Socket errors:/ { gsub(/,/, ""); err += $4 + $6 + $8 + $10 }
    /^ *Non-2xx or 3xx responses:/ { err += $NF }
    /^Requests\/sec:/ { rps = $2 }
    END { if (req == "" || rps == "" || p50 == "" || p99 == "" || sec <= 0) exit 1
          printf "%d %.2f %.0f %.3f %.3f %d\n", req, sec, bytes, p50, p99, err }' "$out") ||
    die "cannot read wrk's output for $key: $out"
  read -r req sec bytes p50 p99 err <<<"$line"
  (( req > 0 )) || die "wrk made no request for $key: $out"
  RPS[$key]=$(awk -v r="$req" -v s="$sec" 'BEGIN { printf "%.0f", r / s }')
  GBPS[$key]=$(awk -v b="$bytes" -v s="$sec" 'BEGIN { printf "%.3f", b * 8 / s / 1e9 }')
  P50[$key]=$p50; P99[$key]=$p99; ERRS[$key]=$err
  CPU_US[$key]=$(awk -v t=$((t1 - t0)) -v hz="$HZ" -v r="$req" 'BEGIN { printf "%.1f", t / hz / r * 1e6 }')
  (( err == 0 )) || failures+=("$key: $err errors (socket errors or non-2xx), see $out")
  say "$(printf '%-12s %9s req/s %8s Gbit/s  p50 %8.3f ms  p99 %8.3f ms  %d errors  %s us CPU/request' \
    "$key" "${RPS[$key]}" "${GBPS[$key]}" "$p50" "$p99" "$err" "${CPU_US[$key]}")"
}

N1=http://127.0.0.1:$NGINX_PORT
N2=http://127.0.0.1:$((NGINX_PORT + 1))
say "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $ROUNDS round(s) (after ${WARMUP_S} s of warm-up each)"
# Rounds interleave the servers, so that a change in what else runs on the machine falls on all of
# them; each round serves the newest segment (it stays in the server's window for the whole round)
# and the playlist as they are when the round starts. The report gives the median of the rounds.
# shellcheck disable=SC2086 # the worker pid lists
for round in $(seq "$ROUNDS"); do
  (( round == 1 )) || copy_newest
  wrk_run "seg-os@$round" "$HTTP$SEGMENT_PATH" "$SERVER_PID"
  if [ "$DRM" = 1 ]; then
    (( round == 1 )) || drm_newest
    wrk_run "seg-drm@$round" "$DRM_SEGMENT_URL" "$SERVER_PID"
  fi
  wrk_run "seg-n1@$round" "$N1$SEGMENT_PATH" $N1_WORKERS
  wrk_run "seg-n2@$round" "$N2$SEGMENT_PATH" $N2_WORKERS
  copy_newest # the live playlist has grown meanwhile: nginx serves as many lines as the server
  wrk_run "pl-os@$round" "$HTTP$PLAYLIST_PATH" "$SERVER_PID"
  wrk_run "pl-n1@$round" "$N1$PLAYLIST_PATH" $N1_WORKERS
  wrk_run "pl-n2@$round" "$N2$PLAYLIST_PATH" $N2_WORKERS
done
median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
keys="seg-os seg-n1 seg-n2 pl-os pl-n1 pl-n2"
[ "$DRM" = 1 ] && keys+=" seg-drm"
for key in $keys; do
  for metric in RPS GBPS P50 P99 CPU_US; do
    declare -n m=$metric
    values=
    for round in $(seq "$ROUNDS"); do values+=" ${m[$key@$round]}"; done
    m[$key]=$(median <<<"$values")
    unset -n m
  done
  errors=0
  for round in $(seq "$ROUNDS"); do errors=$((errors + ERRS[$key@$round])); done
  ERRS[$key]=$errors
done
stop_pids_but_publisher() {
  local p keep=()
  for p in "${pids[@]}"; do
    if [ "$p" = "$PUBLISHER_PID" ] || [ "$p" = "${DRM_PUBLISHER_PID:-}" ]; then keep+=("$p"); else kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; fi
  done
  pids=("${keep[@]}")
}
stop_pids_but_publisher # nginx is done

# --- 2. viewers ---------------------------------------------------------------------------------------
if (( VIEWERS > 0 )); then
kill -0 "$PUBLISHER_PID" 2>/dev/null || die "the publisher exited: $(cat "$WORK/publisher.log")"
say "$VIEWERS viewers follow the stream for $FOLLOW_SECONDS s (joining over $SPREAD_SECONDS s)"
sleep 5 # settle after wrk
rss_before=$(rss_kb "$SERVER_PID") || die "the server's JVM is gone"
cpu_before=$(cpu_ticks "$SERVER_PID") || die "the server's JVM is gone"
t_before=$(date +%s%N)
timeout $((FOLLOW_SECONDS + SPREAD_SECONDS + 90)) java -XX:+UseSerialGC -Xmx512m "$HERE/HlsViewers.java" \
  127.0.0.1 "$HTTP_PORT" "$PLAYLIST_PATH" "$VIEWERS" "$FOLLOW_SECONDS" "$SPREAD_SECONDS" >"$WORK/viewers.txt" 2>&1 ||
  { cat "$WORK/viewers.txt" >&2; die "the viewers client failed"; }
cpu_after=$(cpu_ticks "$SERVER_PID") || die "the server's JVM vanished during the viewers test"
t_after=$(date +%s%N)
kill -0 "$PUBLISHER_PID" 2>/dev/null || die "the publisher exited during the viewers test: $(cat "$WORK/publisher.log")"
sleep "$SETTLE"
rss_after=$(rss_kb "$SERVER_PID") || die "the server's JVM vanished after the viewers test"
result=$(grep '^RESULT ' "$WORK/viewers.txt") || { cat "$WORK/viewers.txt" >&2; die "the viewers client printed no result"; }
declare -A V
for kv in ${result#RESULT }; do V[${kv%%=*}]=${kv#*=}; done
(( V[joined] == VIEWERS && V[segments] > 0 )) ||
  { cat "$WORK/viewers.txt" >&2; die "${V[joined]} of $VIEWERS viewers joined and fetched ${V[segments]} segments"; }
(( V[stuck] == 0 )) || failures+=("${V[stuck]} viewers were still running at the client's deadline")
fi

# --- report ---------------------------------------------------------------------------------------------
echo
echo "HLS egress, 1 stream of $(awk -v b="$FIXTURE_BPS" 'BEGIN { printf "%.1f", b / 1e6 }') Mbit/s, $(nproc) cores;" \
  "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency after ${WARMUP_S} s of warm-up, $ROUNDS round(s)"
echo "medians of $ROUNDS round(s); each round's newest segment (the last: $SEGMENT_BYTES bytes) and the playlist" \
  "($PLAYLIST_PATH, $PLAYLIST_BYTES bytes in the last round); nginx serves copies from tmpfs"
echo
printf '%-9s %-18s %10s %8s %9s %9s %7s %12s\n' "" server req/s Gbit/s "p50 ms" "p99 ms" errors "CPU us/req"
for url in seg pl; do
  for srv in os n1 n2; do
    k=$url-$srv
    printf '%-9s %-18s %10s %8s %9.3f %9.3f %7s %12s\n' "$([ "$url" = seg ] && echo segment || echo playlist)" \
      "$(case $srv in os) echo OpenStreamer ;; n1) echo "nginx 1 worker" ;; n2) echo "nginx 2 workers" ;; esac)" \
      "${RPS[$k]}" "${GBPS[$k]}" "${P50[$k]}" "${P99[$k]}" "${ERRS[$k]}" "${CPU_US[$k]}"
  done
done
echo
echo "OpenStreamer / nginx (best: the higher req/s and Gbit/s, the lower latency and CPU of 1 and 2 workers)"
printf '%-22s %8s %8s %8s   %s\n' "" "vs best" "vs 1 w" "vs 2 w" target
ratio_row() { # $1 label, $2 metric array name, $3 url, $4 higher|lower is better, $5 target op, $6 target
  local -n m=$2
  awk -v l="$1" -v o="${m[$3-os]}" -v a="${m[$3-n1]}" -v b="${m[$3-n2]}" -v better="$4" -v op="${5:-}" -v t="${6:-}" 'BEGIN {
    best = (better == "higher") ? (a > b ? a : b) : (a < b ? a : b)
    r = (best > 0) ? o / best : -1
    verdict = ""
    if (op == ">=") verdict = sprintf(">= %.1fx  %s", t, r >= t ? "met" : "MISSED")
    if (op == "<=") verdict = sprintf("<= %.1fx  %s", t, r <= t ? "met" : "MISSED")
    printf "%-22s %7.2fx %7.2fx %7.2fx   %s\n", l, r, (a > 0 ? o / a : -1), (b > 0 ? o / b : -1), verdict }'
}
ratio_row "segment req/s" RPS seg higher ">=" 1.0
ratio_row "segment Gbit/s" GBPS seg higher
ratio_row "segment p50" P50 seg lower
ratio_row "segment p99" P99 seg lower "<=" 1.5
ratio_row "segment CPU/request" CPU_US seg lower
ratio_row "playlist req/s" RPS pl higher ">=" 1.0
ratio_row "playlist p50" P50 pl lower
ratio_row "playlist p99" P99 pl lower
ratio_row "playlist CPU/request" CPU_US pl lower
if [ "$DRM" = 1 ]; then
  echo
  echo "DRM: the protected stream's segment (AES-128, encrypted once when cut; a viewer session per request) vs the same stream unprotected"
  printf '%-9s %-18s %10s %8s %9.3f %9.3f %7s %12s\n' segment "OpenStreamer DRM" "${RPS[seg-drm]}" "${GBPS[seg-drm]}" \
    "${P50[seg-drm]}" "${P99[seg-drm]}" "${ERRS[seg-drm]}" "${CPU_US[seg-drm]}"
  awk -v d="${RPS[seg-drm]}" -v o="${RPS[seg-os]}" 'BEGIN { r = o > 0 ? d / o : -1
    verdict = (r >= 0.95) ? "met" : "MISSED"
    printf "%-22s %7.2fx   >= 0.95x  %s\n", "protected / clear req/s", r, verdict }'
fi

if (( VIEWERS > 0 )); then
echo
echo "$VIEWERS viewers following the stream for $FOLLOW_SECONDS s (polling every quarter of the target duration):"
grep -v '^RESULT ' "$WORK/viewers.txt" | sed 's/^/  /'
awk -v c=$((cpu_after - cpu_before)) -v hz="$HZ" -v ns=$((t_after - t_before)) \
  'BEGIN { printf "  server CPU during the test: %.1f %% of one core\n", 100 * c / hz / (ns / 1e9) }'
growth_mib=$(awk -v a="$rss_before" -v b="$rss_after" 'BEGIN { printf "%.1f", (b - a) / 1024 }')
echo "  server RSS: $((rss_before / 1024)) MiB before, $((rss_after / 1024)) MiB ${SETTLE} s after; growth $growth_mib MiB"
errors=$((V[http_errors] + V[io_errors]))
check() { printf '  target %-28s %-12s %s\n' "$1" "$2" "$3"; }
check "errors: 0" "$errors" "$( (( errors == 0 )) && echo met || echo MISSED)"
check "late segments: 0" "${V[late]}" "$( (( V[late] == 0 )) && echo met || echo MISSED)"
check "missed segments: 0" "${V[missed]}" "$( (( V[missed] == 0 )) && echo met || echo MISSED)"
check "RSS growth: <= 200 MiB" "$growth_mib MiB" "$(awk -v g="$growth_mib" 'BEGIN { print (g <= 200 ? "met" : "MISSED") }')"
fi

if (( ${#failures[@]} )); then
  echo
  for f in "${failures[@]}"; do echo "FAILED: $f"; done
  exit 1
fi
