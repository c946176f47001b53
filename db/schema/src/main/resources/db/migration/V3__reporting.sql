-- Reporting: play and publish sessions and per-minute stream statistics, kept by the application,
-- and read-only SQL views over them in schema "reporting" for reporting tools (JDBC). The role
-- "reporting" may read those views and nothing else. See docs/reporting.md.

-- Sessions, opened and closed by the event recorder from the engine's play_started / play_stopped
-- and publish_started / publish_stopped events. Open while closed_at is NULL. No foreign key to
-- streams: the history outlives a deleted stream. Closed sessions are deleted after a retention
-- period (openstreamer.reporting.retention-days, 30 by default).
CREATE TABLE sessions (
    id             bigserial    PRIMARY KEY,
    kind           varchar(16)  NOT NULL CHECK (kind IN ('play', 'publish')),
    stream         varchar(255) NOT NULL,
    protocol       varchar(16)  NOT NULL,
    peer           varchar(300) NOT NULL,
    port           integer      CHECK (port BETWEEN 0 AND 65535),
    node           varchar(255) NOT NULL,
    created_at     timestamptz  NOT NULL,
    closed_at      timestamptz  CHECK (closed_at >= created_at),
    reason         varchar(255),
    bytes_sent     bigint       CHECK (bytes_sent >= 0),
    bytes_received bigint       CHECK (bytes_received >= 0)
);
-- A stop event finds its session by stream, kind and peer among the open ones.
CREATE INDEX sessions_open_idx ON sessions (stream, kind, peer) WHERE closed_at IS NULL;
CREATE INDEX sessions_closed_at_idx ON sessions (closed_at) WHERE closed_at IS NOT NULL;

-- One row per stream, node and minute while the stream has a pipeline in the engine, written in
-- batches by the statistics timer from the engine's pipelines; kept for the same retention period.
-- minute is the start of the minute measured; rates are means over it, clients its last value.
CREATE TABLE stream_stats (
    minute      timestamptz  NOT NULL,
    stream      varchar(255) NOT NULL,
    node        varchar(255) NOT NULL,
    alive       boolean      NOT NULL,
    bitrate_in  integer      NOT NULL CHECK (bitrate_in >= 0),
    bitrate_out integer      NOT NULL CHECK (bitrate_out >= 0),
    bytes_in    bigint       NOT NULL CHECK (bytes_in >= 0),
    bytes_out   bigint       NOT NULL CHECK (bytes_out >= 0),
    clients     integer      NOT NULL CHECK (clients >= 0),
    errors      bigint       NOT NULL CHECK (errors >= 0),
    PRIMARY KEY (stream, node, minute)
);
CREATE INDEX stream_stats_minute_idx ON stream_stats (minute);

CREATE SCHEMA reporting;
COMMENT ON SCHEMA reporting IS 'Read-only views for reporting tools; the role reporting reads these and nothing else';

-- Configured streams with their latest statistics (at most 3 minutes old). Columns named after
-- the reference's streams table: bitrate (kbit/s in), client_count, urls, dvr, dvr_root, server.
CREATE VIEW reporting.streams AS
SELECT s.name,
       s.title,
       CASE WHEN s.publish_enabled
                 OR EXISTS (SELECT 1 FROM stream_inputs i WHERE i.stream = s.name AND lower(i.url) LIKE 'publish://%')
            THEN 'publish' ELSE 'static' END AS type,
       CASE WHEN s.disabled THEN 'disabled' WHEN st.alive THEN 'running' ELSE 'stopped' END AS status,
       coalesce(st.alive, false)     AS alive,
       coalesce(st.bitrate_in, 0)    AS bitrate,
       coalesce(st.bitrate_out, 0)   AS bitrate_out,
       coalesce(st.clients, 0)       AS client_count,
       coalesce(st.errors, 0)        AS errors,
       (SELECT string_agg(i.url, ' ' ORDER BY i.position) FROM stream_inputs i WHERE i.stream = s.name) AS urls,
       s.disabled,
       s.publish_enabled,
       s.segment_duration,
       s.segment_count,
       NULL::varchar(255)            AS dvr,      -- DVR settings arrive with the DVR
       NULL::varchar(2048)           AS dvr_root,
       st.node                       AS server,
       st.minute                     AS stats_minute,
       s.updated_at
  FROM streams s
  LEFT JOIN LATERAL (SELECT x.* FROM stream_stats x
                      WHERE x.stream = s.name AND x.minute >= now() - interval '3 minutes'
                      ORDER BY x.minute DESC LIMIT 1) st ON true;

-- Open sessions; the reference's columns: session_id, ip, name, created_at, duration (ms), type
-- (the protocol), bytes_sent.
CREATE VIEW reporting.sessions AS
SELECT id                                                     AS session_id,
       kind,
       stream                                                 AS name,
       regexp_replace(peer, ':[0-9]+$', '')                   AS ip,
       peer,
       port,
       protocol                                               AS type,
       node                                                   AS server,
       created_at,
       (extract(epoch FROM now() - created_at) * 1000)::bigint AS duration,
       bytes_sent,
       bytes_received
  FROM sessions
 WHERE closed_at IS NULL;

-- Closed sessions, with how and when they ended.
CREATE VIEW reporting.sessions_history AS
SELECT id                                                         AS session_id,
       kind,
       stream                                                     AS name,
       regexp_replace(peer, ':[0-9]+$', '')                       AS ip,
       peer,
       port,
       protocol                                                   AS type,
       node                                                       AS server,
       created_at,
       closed_at,
       (extract(epoch FROM closed_at - created_at) * 1000)::bigint AS duration,
       reason,
       bytes_sent,
       bytes_received
  FROM sessions
 WHERE closed_at IS NOT NULL;

-- Per-minute counters per stream and node.
CREATE VIEW reporting.stats AS
SELECT minute,
       stream  AS name,
       node    AS server,
       alive,
       bitrate_in,
       bitrate_out,
       bytes_in,
       bytes_out,
       clients AS client_count,
       errors
  FROM stream_stats;

-- DVR recording statistics: empty until the DVR writes its index; the columns are the
-- reference's (name, utc, duration in ms, size in bytes, bitrate in kbit/s, path) plus server.
CREATE VIEW reporting.dvr_status AS
SELECT NULL::varchar(255)  AS name,
       NULL::timestamptz   AS utc,
       NULL::integer       AS duration,
       NULL::bigint        AS size,
       NULL::integer       AS bitrate,
       NULL::varchar(1024) AS path,
       NULL::varchar(255)  AS server
 WHERE false;

-- The role reporting tools log in through (as members of it). Creating a role needs CREATEROLE,
-- which the application's database user may lack: then nothing is created here and a notice
-- tells the SQL an administrator runs once (docs/reporting.md has it too).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reporting') THEN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
            CREATE ROLE reporting NOLOGIN;
        ELSE
            RAISE NOTICE 'role "reporting" not created: % may not create roles. As a superuser run: CREATE ROLE reporting NOLOGIN; GRANT USAGE ON SCHEMA reporting TO reporting; GRANT SELECT ON ALL TABLES IN SCHEMA reporting TO reporting; ALTER DEFAULT PRIVILEGES FOR ROLE % IN SCHEMA reporting GRANT SELECT ON TABLES TO reporting;',
                current_user, current_user;
            RETURN;
        END IF;
    END IF;
    GRANT USAGE ON SCHEMA reporting TO reporting;
    GRANT SELECT ON ALL TABLES IN SCHEMA reporting TO reporting;
    -- Views later migrations add to the schema are readable too.
    ALTER DEFAULT PRIVILEGES IN SCHEMA reporting GRANT SELECT ON TABLES TO reporting;
END
$$;
