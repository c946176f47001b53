-- Streams as data: the stream configuration (options, inputs, SRT endpoints), the server-wide
-- settings, and a registry that gives every SRT port to exactly one owner in the whole server.

-- Stream options. The name rule of V1 stays; on top of it no segment may be empty, "." or ".."
-- (names become folder names) or "-" (the API reserves "/-/" for sub-resources of a stream).
ALTER TABLE streams
    ADD COLUMN title            varchar(255),
    ADD COLUMN disabled         boolean NOT NULL DEFAULT false,
    ADD COLUMN publish_enabled  boolean NOT NULL DEFAULT false,
    ADD COLUMN segment_duration integer NOT NULL DEFAULT 4 CHECK (segment_duration BETWEEN 1 AND 60),
    ADD COLUMN segment_count    integer NOT NULL DEFAULT 4 CHECK (segment_count BETWEEN 1 AND 100),
    ADD COLUMN meta             jsonb   NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(meta) = 'object'),
    ADD CONSTRAINT streams_name_segments CHECK (name !~ '(^|/)(\.|\.\.|-)?(/|$)');

-- The sources of a stream, in the order given (position 0 first). url, priority and
-- source_timeout have columns; the other per-input options are kept in options.
CREATE TABLE stream_inputs (
    stream         varchar(255)  NOT NULL REFERENCES streams (name) ON DELETE CASCADE,
    position       integer       NOT NULL CHECK (position >= 0),
    url            varchar(2048) NOT NULL,
    priority       integer       CHECK (priority BETWEEN 0 AND 100),
    source_timeout integer       CHECK (source_timeout BETWEEN 1 AND 3600),
    options        jsonb         NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(options) = 'object'),
    PRIMARY KEY (stream, position)
);

-- A stream's SRT endpoints: srt (shared, m= in the streamid), srt_publish, srt_play. A row
-- without a port only sets the passphrase and latency used on the server's global ports.
CREATE TABLE stream_srt_endpoints (
    stream     varchar(255) NOT NULL REFERENCES streams (name) ON DELETE CASCADE,
    kind       varchar(16)  NOT NULL CHECK (kind IN ('srt', 'srt_publish', 'srt_play')),
    port       integer      CHECK (port BETWEEN 1 AND 65535),
    passphrase varchar(79)  CHECK (char_length(passphrase) BETWEEN 10 AND 79),
    latency    integer      NOT NULL DEFAULT 120 CHECK (latency BETWEEN 20 AND 8000),
    PRIMARY KEY (stream, kind)
);

-- Server-wide settings: exactly one row.
CREATE TABLE server_config (
    id              smallint      PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    config_external varchar(2048),
    updated_at      timestamptz   NOT NULL DEFAULT now()
);
INSERT INTO server_config (id) VALUES (1);

-- The global SRT ports (a stream's own endpoints win over these). A global port always has a port.
CREATE TABLE server_srt_endpoints (
    config_id  smallint    NOT NULL DEFAULT 1 REFERENCES server_config (id) ON DELETE CASCADE,
    kind       varchar(16) NOT NULL CHECK (kind IN ('srt', 'srt_publish', 'srt_play')),
    port       integer     NOT NULL CHECK (port BETWEEN 1 AND 65535),
    passphrase varchar(79) CHECK (char_length(passphrase) BETWEEN 10 AND 79),
    latency    integer     NOT NULL DEFAULT 120 CHECK (latency BETWEEN 20 AND 8000),
    PRIMARY KEY (config_id, kind)
);

-- SRT listener port ranges (resolved through config_external); stored and returned for now.
CREATE TABLE server_srt_listeners (
    config_id  smallint    NOT NULL DEFAULT 1 REFERENCES server_config (id) ON DELETE CASCADE,
    position   integer     NOT NULL CHECK (position >= 0),
    mode       varchar(16) NOT NULL CHECK (mode IN ('publish', 'play')),
    first_port integer     NOT NULL CHECK (first_port BETWEEN 1 AND 65535),
    last_port  integer     NOT NULL CHECK (last_port BETWEEN first_port AND 65535),
    PRIMARY KEY (config_id, position)
);

-- Who owns each SRT port: a stream endpoint (stream, kind) or, with stream NULL, the server's
-- global port of that kind. The primary key is what makes two concurrent writes claiming the same
-- port fail: the services rewrite an owner's rows here in the same transaction as its endpoints.
CREATE TABLE srt_ports (
    port   integer      PRIMARY KEY CHECK (port BETWEEN 1 AND 65535),
    stream varchar(255) REFERENCES streams (name) ON DELETE CASCADE,
    kind   varchar(16)  NOT NULL CHECK (kind IN ('srt', 'srt_publish', 'srt_play'))
);
CREATE UNIQUE INDEX srt_ports_stream_kind_idx ON srt_ports (stream, kind) WHERE stream IS NOT NULL;
CREATE UNIQUE INDEX srt_ports_server_kind_idx ON srt_ports (kind) WHERE stream IS NULL;
