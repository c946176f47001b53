-- Server-wide playback authorization (the reference's global auth, max_sessions and no_auto_token):
-- the backend of streams without an on_play of their own, the most viewers on the server at once,
-- and whether a viewer without a token is refused instead of given one.
ALTER TABLE server_config
    ADD COLUMN on_play       varchar(2048) CHECK (on_play ~* '^https?://'),
    ADD COLUMN max_sessions  integer       CHECK (max_sessions BETWEEN 1 AND 10000000),
    ADD COLUMN no_auto_token boolean       NOT NULL DEFAULT false;

-- HTTP playback sessions (HLS, MPEG-TS, archive) join the engine's play sessions in "sessions",
-- written in batches by the web module: the session's id, token, the backend's X-UserId, the
-- viewer's Referer and User-Agent. The reporting views show the new columns at their end.
ALTER TABLE sessions
    ADD COLUMN play_session varchar(64) UNIQUE,
    ADD COLUMN token        varchar(255),
    ADD COLUMN user_id      varchar(255),
    ADD COLUMN referer      varchar(1024),
    ADD COLUMN user_agent   varchar(1024);

CREATE OR REPLACE VIEW reporting.sessions AS
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
       bytes_received,
       user_id,
       token,
       referer,
       user_agent
  FROM sessions
 WHERE closed_at IS NULL;

CREATE OR REPLACE VIEW reporting.sessions_history AS
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
       bytes_received,
       user_id,
       token,
       referer,
       user_agent
  FROM sessions
 WHERE closed_at IS NOT NULL;
