#!/usr/bin/env bash
# Restart during a database outage: one stream published over SRT; PostgreSQL stops; the publisher
# leaves (publish_stopped); the server is stopped and started again while PostgreSQL is still down;
# then PostgreSQL comes back. Checks, each printed ok/FAILED (exit 1 if one fails):
#   - the events of the outage (the publisher's publish_stopped, the first server's engine_stopping,
#     the restarted server's engine_started) are stored once PostgreSQL is back, with their own
#     times and in that order, without a new event to carry them;
#   - the publisher's session is closed by its publish_stopped (its time and reason), not by the
#     restart ("server restarted");
#   - the journal of waiting events is gone once they are stored.
#
#   bench/fault/restart-during-outage.sh
#
# PostgreSQL is the embedded one, started by this script (not by ./run) so that it can stay down
# while the server restarts. Needs the project built (./run builds it), ffmpeg, psql and curl.
# Loopback only: HTTP 8080+PORT_OFFSET (30080), PostgreSQL DB_PORT (30432), SRT SRT_PORT (30101).
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bench/tools.sh"
need_tools ffmpeg:ffmpeg psql:postgresql-client curl:curl java:openjdk-17-jdk-headless
WORK=${BENCH_WORK:-$ROOT/bench/fault/work-restart}
PORT_OFFSET=${PORT_OFFSET:-22000}
HTTP=http://127.0.0.1:$((8080 + PORT_OFFSET))
API=$HTTP/streamer/api/v3
DB_PORT=${DB_PORT:-30432}
SRT_PORT=${SRT_PORT:-30101}
STREAM=restart-outage
ADMIN_PASSWORD=bench-admin-password
LAUNCHER=$ROOT/db/launcher/target/openstreamer-db-launcher-0.1.0-SNAPSHOT.jar
JOURNAL=$WORK/var/wildfly/data/openstreamer-events-waiting.bin
PSQL=(psql -h 127.0.0.1 -p "$DB_PORT" -U postgres -d media -qAtX)
export PGPASSWORD=postgres

say() { printf '[restart] %s\n' "$*" >&2; }
[ -f "$LAUNCHER" ] || { say "build the project first: ./run (or mvn -DskipTests package -pl ear,db/launcher -am)"; exit 2; }
PG_PID= RUN_PID= PUB_PID=
cleanup() {
  trap - EXIT INT TERM
  [ -n "$PUB_PID" ] && kill "$PUB_PID" 2>/dev/null
  stop_server
  stop_db
}
trap cleanup EXIT INT TERM
api() { curl -sf -m 20 -u "admin:$ADMIN_PASSWORD" -X "$1" -H 'Content-Type: application/json' ${3:+--data "$3"} "$API$2"; }
fails=0
check() { if eval "$2"; then echo "  ok      $1"; else echo "  FAILED  $1"; fails=$((fails + 1)); fi; }

start_db() { # $1: a name for its log
  setsid java -cp "$LAUNCHER:$(dirname "$LAUNCHER")/lib/*" org.openstreamer.db.EmbeddedDatabaseMain --port "$DB_PORT" \
    --data "$WORK/pgdata" --work "$WORK/pg-bin" >"$WORK/postgres-$1.log" 2>&1 &
  PG_PID=$!
  for _ in $(seq 180); do grep -q EMBEDDED_POSTGRES_READY "$WORK/postgres-$1.log" && return 0; sleep 0.5; done
  say "PostgreSQL did not start: $WORK/postgres-$1.log"; exit 1
}
stop_db() {
  [ -n "$PG_PID" ] || return 0
  kill -TERM -- "-$PG_PID" 2>/dev/null
  for _ in $(seq 60); do kill -0 -- "-$PG_PID" 2>/dev/null || break; sleep 0.5; done
  PG_PID=
}
start_server() { # $1: a name for its log
  OPENSTREAMER_VAR=$WORK/var PORT_OFFSET=$PORT_OFFSET ADMIN_PASSWORD=$ADMIN_PASSWORD \
    DB_URL="jdbc:postgresql://127.0.0.1:$DB_PORT/media" DB_USER=postgres DB_PASSWORD=postgres \
    setsid "$ROOT/run" >"$WORK/run-$1.log" 2>&1 &
  RUN_PID=$!
  for _ in $(seq 600); do grep -q "OpenStreamer is running" "$WORK/run-$1.log" && return 0; sleep 0.5; done
  say "the server did not start: $WORK/run-$1.log"; exit 1
}
stop_server() { # ./run stops WildFly on TERM and waits for it
  [ -n "$RUN_PID" ] || return 0
  kill -TERM "$RUN_PID" 2>/dev/null
  for _ in $(seq 120); do kill -0 "$RUN_PID" 2>/dev/null || break; sleep 0.5; done
  RUN_PID=
}
utc() { date -u -d "@$1" '+%Y-%m-%d %H:%M:%S+00'; }

rm -rf "$WORK/var" "$WORK/pgdata" "$WORK"/*.log
mkdir -p "$WORK"
FIXTURE=$WORK/input-1500k.ts
make_input "$FIXTURE" 1300 1500

say "starting PostgreSQL and the server"
start_db first
start_server first
api PUT "/streams/$STREAM" "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":$SRT_PORT}}" >/dev/null ||
  { say "cannot create the stream"; exit 1; }
sleep 1
ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i "$FIXTURE" -c copy -f mpegts "srt://127.0.0.1:$SRT_PORT" \
  >"$WORK/publisher.log" 2>&1 &
PUB_PID=$!
open_sessions() { "${PSQL[@]}" -c "SELECT count(*) FROM sessions WHERE stream = '$STREAM' AND kind = 'publish' AND closed_at IS NULL"; }
for _ in $(seq 60); do [ "$(open_sessions 2>/dev/null)" = 1 ] && break; sleep 0.5; done
[ "$(open_sessions)" = 1 ] || { say "the publisher's session was not recorded"; exit 1; }
sleep 3

say "stopping PostgreSQL, then the publisher"
stop_db
DOWN=$(date +%s)
sleep 3
kill "$PUB_PID"; PUB_PID=
LEFT=$(date +%s)
for _ in $(seq 30); do [ -s "$JOURNAL" ] && break; sleep 0.5; done
journal_during=$(stat -c %s "$JOURNAL" 2>/dev/null || echo 0)

say "restarting the server while PostgreSQL is down"
stop_server
start_server second
RESTARTED=$(date +%s)
sleep 5
log=$WORK/var/wildfly/log/server.log
read_back=$(grep -c "engine events kept while PostgreSQL was down are read back" "$log" || true)

say "starting PostgreSQL again"
start_db second
UP=$(date +%s)
outage_events() { # the types of the events since PostgreSQL stopped, in the order they were stored
  "${PSQL[@]}" -c "SELECT string_agg(type, ' ' ORDER BY id) FROM events
    WHERE occurred_at >= '$(utc "$DOWN")' AND type IN ('publish_stopped', 'engine_stopping', 'engine_started')" 2>/dev/null
}
for _ in $(seq 40); do # nothing new happens: the store's timer tries every 5 s
  [[ $(outage_events) == *engine_started* ]] && break
  sleep 1
done
STORED=$(date +%s)
order=$(outage_events)
stopped_at=$("${PSQL[@]}" -c "SELECT extract(epoch FROM occurred_at)::bigint FROM events
  WHERE type = 'publish_stopped' AND stream = '$STREAM' AND occurred_at >= '$(utc "$DOWN")'")
session=$("${PSQL[@]}" -c "SELECT extract(epoch FROM closed_at)::bigint || ' ' || coalesce(reason, '') FROM sessions
  WHERE stream = '$STREAM' AND kind = 'publish' ORDER BY id DESC LIMIT 1")
closed_at=${session%% *}
reason=${session#* }

echo "PostgreSQL down $(utc "$DOWN") to $(utc "$UP"); publisher left $(utc "$LEFT"); server restarted by $(utc "$RESTARTED")"
echo "journal during the outage: $journal_during bytes; read back at the restart: $read_back log line(s)"
echo "events since PostgreSQL stopped, in stored order: ${order:-none} (stored $((STORED - UP)) s after it was back)"
echo "publish_stopped at ${stopped_at:-none}; the session closed at ${closed_at:-none} with reason '${reason}'"
check "the journal held the waiting events during the outage" "(( journal_during > 0 ))"
check "the restarted server read the journal back" "(( read_back >= 1 ))"
check "the outage's events are stored, in order, once PostgreSQL is back" \
  "[ '$order' = 'publish_stopped engine_stopping engine_started' ]"
check "publish_stopped keeps its own time (between the outage's start and the restart)" \
  "[ -n '$stopped_at' ] && (( stopped_at >= DOWN && stopped_at <= RESTARTED ))"
check "the session is closed by publish_stopped, not by the restart" \
  "[ -n '$closed_at' ] && (( closed_at <= RESTARTED )) && [ '$reason' != 'server restarted' ]"
check "the journal is gone once its events are stored" "[ ! -e '$JOURNAL' ]"
(( fails == 0 ))
