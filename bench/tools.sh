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
