#!/usr/bin/env bash
# Stream configuration at scale: N streams (default 10,000) in PostgreSQL, then
#   1. a server start: how long until the media engine has all of them (the start-up push), and
#      what a static stream without a source shows (waiting, not alive);
#   2. GET /streams?limit=100 (first page, a page in the middle by cursor, a name_prefix filter),
#      timed with curl, against two floors measured in the same run: the first page's four
#      statements as the service sends them (StreamRows: the same SQL text and parameters,
#      prepared), run by pgbench straight to PostgreSQL, and GET /config (HTTP, login,
#      JAX-RS and one row: everything but the page itself). These requests sign in as a viewer
#      whose bcrypt hash has cost 4, so that the figures show the API rather than bcrypt; the
#      administrator's cost-12 login is timed on its own line;
#      The console's streams list (/admin/streams.xhtml, its first page of 25 rendered by the
#      server) is timed the same way, signed in through the console's form as that viewer;
#   3. the push to the engine after one change, with all N streams in the table;
#   4. the same server start with no streams at all, as the baseline of figure 1.
#
#   bench/config-scale/run.sh [N] [REQUESTS]      defaults: 10000 streams, 200 requests per figure
#
# Needs the project built (./run builds it), curl, psql and pgbench. Everything runs on 127.0.0.1
# (HTTP 8690, PostgreSQL 26640, management 10600); the server is stopped at the end.
set -euo pipefail

N=${1:-10000}
REQUESTS=${2:-200}
WARMUP=50
READER=bench-reader:bench-reader-password
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bench/tools.sh"
need_tools curl:curl psql:postgresql-client pgbench:postgresql jq:jq python3:python3
WORK=${BENCH_WORK:-$ROOT/bench/config-scale/work}
PORT_OFFSET=610                  # HTTP 8080+610, management 9990+610
HTTP=http://127.0.0.1:$((8080 + PORT_OFFSET))
API=$HTTP/streamer/api/v3
DB_PORT=26640
ADMIN_PASSWORD=bench-admin-password
LOG=$WORK/var/wildfly/log/server.log
PSQL=(psql -h 127.0.0.1 -p "$DB_PORT" -U postgres -d media -qAtX -v ON_ERROR_STOP=1)

say() { printf '[bench] %s\n' "$*" >&2; }
cleanup() {
  trap - EXIT INT TERM
  stop_server
}
trap cleanup EXIT INT TERM

start_server() {
  OPENSTREAMER_VAR=$WORK/var PORT_OFFSET=$PORT_OFFSET DB_PORT=$DB_PORT ADMIN_PASSWORD=$ADMIN_PASSWORD \
    "$ROOT/run" >>"$WORK/run.log" 2>&1 &
  RUN_PID=$!
}

stop_server() {
  if [ -n "${RUN_PID:-}" ] && kill -0 "$RUN_PID" 2>/dev/null; then
    kill -TERM "$RUN_PID" 2>/dev/null || true
    wait "$RUN_PID" 2>/dev/null || true
  fi
  RUN_PID=
}

wait_for() { # $1 file, $2 fixed string, $3 seconds
  for _ in $(seq $(($3 * 10))); do
    grep -qF -- "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  say "no '$2' in $1 within $3 s"; tail -n 30 "$1" >&2; return 1
}

api() { # method path [body]
  curl -sf -u "admin:$ADMIN_PASSWORD" -X "$1" -H 'Content-Type: application/json' ${3:+--data "$3"} "$API$2"
}

latency() { # $1 label, $2 URL, $3 user:password: REQUESTS timed GETs after WARMUP; prints ms p50 / p95 / p99 / max
  local i
  for i in $(seq "$WARMUP"); do curl -sf -o /dev/null -u "$3" "$2"; done
  for i in $(seq "$REQUESTS"); do
    curl -sf -o /dev/null -w '%{time_total}\n' -u "$3" "$2"
  done | sort -n | awk -v l="$1" '{ v[NR] = $1 * 1000 } END {
      printf "%-44s p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  max %6.2f ms\n", l, v[int(NR*0.5)], v[int(NR*0.95)], v[int(NR*0.99)], v[NR] }'
}

console_latency() { # $1 label, $2 console page: signs in through the form as $READER, then times like latency()
  local jar=$WORK/console.cookies state i
  rm -f "$jar"
  state=$(curl -sf -c "$jar" "$HTTP/login.xhtml" | grep -o 'name="jakarta.faces.ViewState"[^>]*value="[^"]*"' \
            | head -n 1 | sed -E 's/.*value="([^"]*)"/\1/')
  [ -n "$state" ] || { say "the sign-in page has no view state"; return 1; }
  curl -sf -o /dev/null -b "$jar" -c "$jar" -H "Origin: $HTTP" \
    --data-urlencode "login=login" --data-urlencode "login:username=${READER%%:*}" \
    --data-urlencode "login:password=${READER#*:}" --data-urlencode "login:signIn=" \
    --data-urlencode "jakarta.faces.ViewState=$state" "$HTTP/login.xhtml"
  curl -sf -b "$jar" "$HTTP$2" | grep -q 'bench-00001' || { say "signed in, $2 does not list bench-00001"; return 1; }
  for i in $(seq "$WARMUP"); do curl -sf -o /dev/null -b "$jar" "$HTTP$2"; done
  for i in $(seq "$REQUESTS"); do
    curl -sf -o /dev/null -b "$jar" -w '%{time_total}\n' "$HTTP$2"
  done | sort -n | awk -v l="$1" '{ v[NR] = $1 * 1000 } END {
      printf "%-44s p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  max %6.2f ms\n", l, v[int(NR*0.5)], v[int(NR*0.95)], v[int(NR*0.99)], v[NR] }'
}

mkdir -p "$WORK"
rm -rf "$WORK/var" "$WORK/run.log"

# --- provision -----------------------------------------------------------------------------------
say "first start (fresh database), then $N streams by SQL"
start_server
wait_for "$WORK/run.log" "OpenStreamer is running" 240
"${PSQL[@]}" <<SQL
BEGIN;
-- Static streams waiting for a publisher, each with a passphrase on the global ports; every tenth
-- also records and pushes, so that the page and the push read every kind of row.
INSERT INTO streams (name, title, dvr_root, dvr_depth, dvr_disk_limit)
  SELECT 'bench-' || lpad(i::text, 5, '0'), 'Camera ' || i,
         CASE WHEN i % 10 = 0 THEN '/storage' END, CASE WHEN i % 10 = 0 THEN 432000 END,
         CASE WHEN i % 10 = 0 THEN 90 END
    FROM generate_series(1, $N) i;
INSERT INTO stream_inputs (stream, position, url, priority)
  SELECT 'bench-' || lpad(i::text, 5, '0'), 0, 'publish://', 1 FROM generate_series(1, $N) i;
INSERT INTO stream_srt_endpoints (stream, kind, passphrase)
  SELECT 'bench-' || lpad(i::text, 5, '0'), 'srt_publish', 'passphrase-' || i FROM generate_series(1, $N) i;
INSERT INTO stream_pushes (stream, position, url)
  SELECT 'bench-' || lpad(i::text, 5, '0'), 0, 'rtmp://cdn.example.com/live/bench-' || i
    FROM generate_series(1, $N) i WHERE i % 10 = 0;
COMMIT;
ANALYZE;
SQL
# A viewer with a cheap (cost 4) bcrypt hash for the timed requests; $2a$ is what the realm reads.
hash=$(python3 -W ignore -c 'import crypt; print(crypt.crypt("bench-reader-password", crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))')
"${PSQL[@]}" -c "INSERT INTO users (username, password_hash) VALUES ('bench-reader', '\$2a\$${hash:4}')" \
  -c "INSERT INTO user_roles (username, role) VALUES ('bench-reader', 'viewer')"
for p in chats studio events; do api PUT "/live/$p" '{"segment_duration":2}' >/dev/null; done
api PUT /templates/ams '{"prefix":"ams","inputs":[{"url":"hls://origin.example.com/%s/index.m3u8"}]}' >/dev/null
stop_server

# --- 1. server start ---------------------------------------------------------------------------
say "restart with $N streams in the table"
mv "$LOG" "$LOG.provision" 2>/dev/null || true
mv "$WORK/run.log" "$WORK/run.log.provision"
t0=$(date +%s%N)
start_server
wait_for "$LOG" "Media engine configured: $N streams" 240
t_push=$(date +%s%N)
wait_for "$WORK/run.log" "OpenStreamer is running" 240
t_ready=$(date +%s%N)
push_line=$(grep -F "Media engine configured: $N streams" "$LOG" | head -n 1)
push_ms=$(sed -E 's/.*\(([0-9]+) ms\)$/\1/' <<<"$push_line")
boot_line=$(grep -F 'WFLYSRV0025' "$LOG" | tail -n 1 | sed -E 's/.*(started in [0-9]+ms).*/\1/')
state=$(api GET /streams/bench-$(printf '%05d' "$N") | jq -c '{status: .stats.status, alive: .stats.alive, running: .stats.running}')

# --- 2. listing ----------------------------------------------------------------------------------
say "timing GET /streams?limit=100 ($REQUESTS requests each after $WARMUP warm-up)"
middle=$(printf 'bench-%05d' $((N / 2)) | base64 | tr '+/' '-_' | tr -d '=\n')
results=$(
  latency "GET /streams?limit=100 (first page)" "$API/streams?limit=100" "$READER"
  latency "GET /streams?limit=100&cursor=(middle)" "$API/streams?limit=100&cursor=$middle" "$READER"
  latency "GET /streams?name_prefix=bench-07&limit=100" "$API/streams?name_prefix=bench-07&limit=100" "$READER"
  latency "floor: GET /config (HTTP+login+JAX-RS)" "$API/config" "$READER"
  latency "GET /config as admin (bcrypt cost 12)" "$API/config" "admin:$ADMIN_PASSWORD"
  console_latency "console: /admin/streams.xhtml (first page)" /admin/streams.xhtml
)
# The first page as StreamRows reads it (keep the two in step): the rows of limit + 1 streams, then
# each collection for those names as one array parameter. pgbench's prepared mode matches the JDBC
# driver's server-side statements; the names array is a literal here, a bound array there.
names="{$("${PSQL[@]}" -c "SELECT string_agg(name, ',' ORDER BY name) FROM (SELECT name FROM streams ORDER BY name LIMIT 101) s")}"
cat >"$WORK/page.sql" <<SQL
SELECT name, title, disabled, publish_enabled, static, clients_timeout, retry_limit, password, on_publish, on_play, max_sessions, max_bitrate, segment_duration, segment_count, dvr_root, dvr_depth, dvr_disk_limit, dvr_storage_limit, dvr_schedule, dvr_offline, backup_file, meta::text FROM streams WHERE name LIKE '%' ESCAPE '!' ORDER BY name LIMIT 101;
SELECT stream, url, priority, source_timeout, options::text FROM stream_inputs WHERE stream = ANY('$names'::varchar[]) ORDER BY stream, position;
SELECT stream, kind, port, passphrase, latency FROM stream_srt_endpoints WHERE stream = ANY('$names'::varchar[]);
SELECT stream, url, retry_timeout, retry_limit, disabled, timeout FROM stream_pushes WHERE stream = ANY('$names'::varchar[]) ORDER BY stream, position;
SQL
sql_ms=$(pgbench -h 127.0.0.1 -p "$DB_PORT" -U postgres -n -M prepared -f "$WORK/page.sql" -t "$REQUESTS" media 2>"$WORK/pgbench.log" \
  | sed -nE 's/^latency average = ([0-9.]+) ms$/\1/p')
[ -n "$sql_ms" ] || { say "pgbench gave no figure: $WORK/pgbench.log"; cat "$WORK/pgbench.log" >&2; exit 1; }

# --- 3. one change with N streams --------------------------------------------------------------
api PUT /streams/bench-change '{"inputs":[{"url":"publish://"}]}' >/dev/null
change_line=$(grep -F "Media engine configured: $((N + 1)) streams" "$LOG" | tail -n 1)
change_ms=$(sed -E 's/.*\(([0-9]+) ms\)$/\1/' <<<"$change_line")

# --- 4. the same start without streams -----------------------------------------------------------
say "restart with no streams (baseline)"
"${PSQL[@]}" -c "DELETE FROM streams"
stop_server
mv "$LOG" "$LOG.scale"
mv "$WORK/run.log" "$WORK/run.log.scale"
b0=$(date +%s%N)
start_server
wait_for "$LOG" "Media engine configured: 0 streams" 240
b_push=$(date +%s%N)
base_ms=$(grep -F "Media engine configured: 0 streams" "$LOG" | head -n 1 | sed -E 's/.*\(([0-9]+) ms\)$/\1/')
stop_server

# --- report --------------------------------------------------------------------------------------
echo
echo "Stream configuration at scale: $N streams (+3 publish locations, 1 template), $(date -u +%Y-%m-%d)"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo
printf '%-44s %s\n' "server start: ./run to engine configured" "$(awk -v a="$t0" -v b="$t_push" 'BEGIN{printf "%.1f s", (b-a)/1e9}')"
printf '%-44s %s\n' "  of which the start-up push (read + apply)" "$push_ms ms"
printf '%-44s %s\n' "  WildFly's own boot" "$boot_line"
printf '%-44s %s\n' "baseline: the same with no streams" "$(awk -v a="$b0" -v b="$b_push" 'BEGIN{printf "%.1f s", (b-a)/1e9}') (push $base_ms ms)"
printf '%-44s %s\n' "server start: ./run to health answering" "$(awk -v a="$t0" -v b="$t_ready" 'BEGIN{printf "%.1f s", (b-a)/1e9}')"
printf '%-44s %s\n' "a static stream without a source" "$state"
echo
echo "$results"
printf '%-44s %s\n' "floor: the first page's SQL (pgbench, prepared)" "mean $sql_ms ms"
echo
printf '%-44s %s\n' "push after one change ($((N + 1)) streams)" "$change_ms ms"
