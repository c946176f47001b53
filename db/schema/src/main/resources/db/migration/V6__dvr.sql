-- The DVR index: one row per archived segment file, the recorded ranges kept beside it so that
-- recording_status answers for a month without reading a month of rows, and the locked ranges
-- retention must not delete. The files on disk are the truth: the index can be rebuilt from them.

CREATE TABLE dvr_segments (
    stream      varchar(255)  NOT NULL,
    start_ms    bigint        NOT NULL,                 -- UTC start, Unix ms
    duration_ms integer       NOT NULL CHECK (duration_ms > 0),
    bytes       bigint        NOT NULL CHECK (bytes >= 0),
    seq         bigint        NOT NULL,                 -- increases by one per segment of the stream
    root        varchar(1024) NOT NULL,                 -- the DVR root the file is under: ROOT/STREAM/path
    path        varchar(64)   NOT NULL,                 -- 2026/12/05/10/00/04-04000.ts
    node        varchar(255)  NOT NULL,
    PRIMARY KEY (stream, start_ms)
);
CREATE INDEX dvr_segments_root ON dvr_segments (root, start_ms);

-- Continuous recorded periods: a segment that starts within 1.5 s of a range's end extends it.
CREATE TABLE dvr_ranges (
    stream  varchar(255) NOT NULL,
    from_ms bigint       NOT NULL,
    to_ms   bigint       NOT NULL CHECK (to_ms > from_ms),
    PRIMARY KEY (stream, from_ms)
);

CREATE TABLE dvr_locks (
    id         bigserial    PRIMARY KEY,
    stream     varchar(255) NOT NULL,
    from_s     bigint       NOT NULL,
    duration_s integer      NOT NULL CHECK (duration_s > 0),
    created_at timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX dvr_locks_stream ON dvr_locks (stream, from_s);

-- The reference's dvr_status table, now over the index (bitrate in kbit/s).
CREATE OR REPLACE VIEW reporting.dvr_status AS
SELECT stream::varchar(255)                                          AS name,
       to_timestamp(start_ms / 1000.0)                                AS utc,
       duration_ms                                                    AS duration,
       bytes                                                          AS size,
       (bytes * 8 / greatest(duration_ms, 1))::integer                AS bitrate,
       (root || '/' || stream || '/' || path)::varchar(1024)          AS path,
       node::varchar(255)                                             AS server
  FROM dvr_segments;
