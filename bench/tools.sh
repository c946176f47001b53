# Sourced by the bench scripts. `need_tools COMMAND:PACKAGE ...` stops the script, before it starts
# anything, when a command is missing, and prints the apt-get command that installs the Debian
# packages that provide the missing ones.
need_tools() {
  local missing=() packages=() item cmd pkg
  for item in "$@"; do
    cmd=${item%%:*} pkg=${item#*:}
    if command -v "$cmd" >/dev/null 2>&1; then
      case $cmd in # Debian's psql and pgbench are wrappers that exist without the real program
        psql|pgbench) "$cmd" --version >/dev/null 2>&1 && continue ;;
        *) continue ;;
      esac
    fi
    missing+=("$cmd")
    [[ " ${packages[*]} " == *" $pkg "* ]] || packages+=("$pkg")
  done
  ((${#missing[@]})) || return 0
  local sudo=; [ "$(id -u)" = 0 ] || sudo="sudo "
  printf '[bench] missing: %s\n[bench] install with: %sapt-get install -y %s\n' \
    "${missing[*]}" "$sudo" "${packages[*]}" >&2
  exit 2
}

# `make_input FILE VIDEO_KBIT MUX_KBIT`: once, 30 s of 720p25 H.264 (GOP 2 s, no scene cuts) and AAC
# as MPEG-TS at a constant mux rate, the input the benchmarks publish in a loop.
make_input() {
  local file=$1 video=$2 mux=$3
  [ -f "$file" ] && return 0
  printf '[bench] making the %s kbit/s input (once)\n' "$mux" >&2
  ffmpeg -hide_banner -loglevel error -y -f lavfi -i testsrc2=size=1280x720:rate=25 \
    -f lavfi -i sine=frequency=440:sample_rate=48000 -t 30 -c:v libx264 -preset veryfast \
    -b:v "${video}k" -maxrate "${video}k" -bufsize "${video}k" -g 50 -keyint_min 50 -sc_threshold 0 \
    -c:a aac -b:a 96k -muxrate "${mux}k" -f mpegts "$file.part" && mv "$file.part" "$file"
}

# `start_openstreamer WORK`: starts ./run with its state in WORK/var (wiped first) on PORT_OFFSET,
# MANAGEMENT_PORT, DB_PORT and ADMIN_PASSWORD from the caller, waits until it serves, and sets
# RUN_PID (./run, to stop with kill -TERM) and SERVER_PID (WildFly's JVM, to measure). It waits
# START_TIMEOUT seconds (180; more on a busy machine, where the first start builds or PostgreSQL's
# initdb is slow).
start_openstreamer() {
  local work=$1 p
  rm -rf "$work/var"
  OPENSTREAMER_VAR=$work/var PORT_OFFSET=$PORT_OFFSET MANAGEMENT_PORT=$MANAGEMENT_PORT DB_PORT=$DB_PORT \
    ADMIN_PASSWORD=$ADMIN_PASSWORD "$ROOT/run" >"$work/server.log" 2>&1 &
  RUN_PID=$!
  for _ in $(seq $((${START_TIMEOUT:-180} * 2))); do grep -q "OpenStreamer is running" "$work/server.log" && break; sleep 0.5; done
  grep -q "OpenStreamer is running" "$work/server.log" || { printf '[bench] server did not start: %s\n' "$work/server.log" >&2; exit 1; }
  SERVER_PID=
  for _ in $(seq 20); do
    for p in $(pgrep -f "jboss.server.base.dir=$work/var/wildfly"); do
      [ "$(cat "/proc/$p/comm" 2>/dev/null)" = java ] && SERVER_PID=$p # not the standalone.sh shell
    done
    [ -n "$SERVER_PID" ] && break
    sleep 0.5
  done
  [ -n "$SERVER_PID" ] || { printf '[bench] cannot find the server JVM\n' >&2; exit 1; }
}

# A figure covers only processes that live from its start to its end: a process that cannot be
# read (gone, or a zombie) stops the run instead of counting as 0.
readable() { # $1 pid: true while the process runs
  local state
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

cpu_ticks() { # sum of utime+stime of the given pids, in clock ticks (getconf CLK_TCK a second)
  local t=0 p
  for p in "$@"; do
    readable "$p" || { printf '[bench] process %s (%s) died: no CPU figure\n' "$p" "$(cat "/proc/$p/comm" 2>/dev/null || echo gone)" >&2; return 1; }
    t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$t"
}

pss_kb() { # sum of the PSS of the given pids, in KiB
  local t=0 p v
  for p in "$@"; do
    v=$(awk '/^Pss:/{print $2}' "/proc/$p/smaps_rollup" 2>/dev/null) || v=
    [ -n "$v" ] || { printf '[bench] process %s died: no memory figure\n' "$p" >&2; return 1; }
    t=$((t + v))
  done
  echo "$t"
}

# `server_metric BASE_URL ADMIN_PASSWORD NAME`: the value of one line of the server's /metrics. awk
# reads to the end: quitting at the match would make curl fail with a write error (23) once the
# page outgrows the pipe, which ends a script that runs with `set -o pipefail -e`.
server_metric() {
  curl -sf -u "admin:$2" "$1/metrics" | awk -v m="$3" '$1 == m && !found { print $2; found = 1 }'
}
