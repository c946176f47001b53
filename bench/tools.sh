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
