#!/usr/bin/env bash
# Cost of an authenticated API call: the first GET /streamer/api/v3/server with a set of credentials
# (bcrypt checks the password), then REQUESTS more over one kept-alive connection (the verified
# credentials are remembered, no bcrypt), as p50 / p99 / max of curl's total time per request.
#
#   OPENSTREAMER_URL=http://127.0.0.1:8080 API_USER=admin API_PASSWORD=... bench/api-auth/run.sh [REQUESTS]
#
# Starts nothing: point it at a running server (./run starts one). Use an account whose
# credentials were not used in the last openstreamer.auth.cache-seconds (300 s), or the first
# request is remembered already; the script says which it saw.
set -euo pipefail

REQUESTS=${1:-200}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bench/tools.sh"
need_tools curl:curl

: "${OPENSTREAMER_URL:?set OPENSTREAMER_URL, e.g. http://127.0.0.1:8080}"
: "${API_USER:?set API_USER}"
: "${API_PASSWORD:?set API_PASSWORD}"
URL=${OPENSTREAMER_URL%/}/streamer/api/v3/server
say() { printf '[bench] %s\n' "$*" >&2; }

# Credentials through a config read from stdin, so the password is not in the process list.
credentials() { printf 'user = "%s:%s"\n' "$API_USER" "$API_PASSWORD"; }

status_and_time() { # one request; prints "STATUS SECONDS"
  credentials | curl -sS -o /dev/null -K - -w '%{http_code} %{time_total}\n' "$URL"
}

read -r status first < <(status_and_time)
[ "$status" = 200 ] || { say "GET $URL answered $status (wrong credentials, or 429 after too many)"; exit 1; }

# REQUESTS requests on one connection, as an API client with keep-alive makes them.
urls=()
for ((i = 0; i < REQUESTS; i++)); do urls+=(-o /dev/null "$URL"); done # -o applies to one URL each
times=$(credentials | curl -sS -K - -w '%{http_code} %{time_total}\n' "${urls[@]}")
bad=$(awk '$1 != 200' <<<"$times" | wc -l)
[ "$bad" = 0 ] || { say "$bad of $REQUESTS requests did not answer 200"; exit 1; }

awk '{ printf "%.3f\n", $2 * 1000 }' <<<"$times" | sort -n | awk -v first="$first" -v n="$REQUESTS" '
  { t[NR] = $1 }
  END {
    i50 = int(n * 0.50 + 0.5); i99 = int(n * 0.99 + 0.5); if (i50 < 1) i50 = 1; if (i99 < 1) i99 = 1
    printf "first request         %8.2f ms%s\n", first * 1000, (first * 1000 < 50 ? "  (fast: these credentials were remembered already)" : "")
    printf "next %d requests     p50 %.2f ms  p99 %.2f ms  max %.2f ms\n", n, t[i50], t[i99], t[n]
  }'
