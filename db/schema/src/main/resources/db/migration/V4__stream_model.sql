-- The stream model of the reference: static or on-demand streams, publish hooks and limits, DVR
-- settings, pushes, a backup file; publish locations ("live PREFIX") and templates. Every CHECK
-- repeats a rule the services enforce first with a clear error; here it guards other writers.

-- Stream options. static: started with the server and kept running; otherwise started on demand
-- and stopped clients_timeout seconds after the last client (retry_limit source attempts).
-- Durations are seconds, sizes bytes, percentages 1..100, max_bitrate kbit/s.
ALTER TABLE streams
    ADD COLUMN static            boolean       NOT NULL DEFAULT true,
    ADD COLUMN clients_timeout   integer       NOT NULL DEFAULT 60 CHECK (clients_timeout BETWEEN 0 AND 86400),
    ADD COLUMN retry_limit       integer       NOT NULL DEFAULT 10 CHECK (retry_limit BETWEEN 1 AND 1000000),
    ADD COLUMN password          varchar(255)  CHECK (password ~ '^[!-~]{1,255}$'),
    ADD COLUMN on_publish        varchar(2048) CHECK (on_publish ~* '^https?://'),
    ADD COLUMN on_play           varchar(2048) CHECK (on_play ~* '^https?://'),
    ADD COLUMN max_sessions      integer       CHECK (max_sessions BETWEEN 1 AND 10000000),
    ADD COLUMN max_bitrate       integer       CHECK (max_bitrate BETWEEN 1 AND 10000000),
    ADD COLUMN backup_file       varchar(1024) CHECK (backup_file !~ '^/'),
    -- The DVR: none when dvr_root is NULL, and then the other dvr_* columns are unset too.
    ADD COLUMN dvr_root          varchar(1024) CHECK (dvr_root ~ '^(/|@)'),
    ADD COLUMN dvr_depth         bigint        CHECK (dvr_depth > 0),
    ADD COLUMN dvr_disk_limit    integer       CHECK (dvr_disk_limit BETWEEN 1 AND 100),
    ADD COLUMN dvr_storage_limit bigint        CHECK (dvr_storage_limit > 0),
    ADD COLUMN dvr_schedule      varchar(255),
    ADD COLUMN dvr_offline       boolean       NOT NULL DEFAULT false,
    ADD CONSTRAINT streams_dvr_needs_root CHECK (dvr_root IS NOT NULL OR (dvr_depth IS NULL AND dvr_disk_limit IS NULL
        AND dvr_storage_limit IS NULL AND dvr_schedule IS NULL AND NOT dvr_offline));

-- Where a stream is re-published, in the order given. retry_limit NULL retries forever; timeout
-- NULL pushes until the stream stops.
CREATE TABLE stream_pushes (
    stream        varchar(255)  NOT NULL REFERENCES streams (name) ON DELETE CASCADE,
    position      integer       NOT NULL CHECK (position >= 0),
    url           varchar(2048) NOT NULL,
    retry_timeout integer       NOT NULL DEFAULT 5 CHECK (retry_timeout BETWEEN 1 AND 3600),
    retry_limit   integer       CHECK (retry_limit BETWEEN 1 AND 1000000),
    disabled      boolean       NOT NULL DEFAULT false,
    timeout       integer       CHECK (timeout BETWEEN 1 AND 86400),
    PRIMARY KEY (stream, position)
);

-- Publish locations: any name under prefix/ may publish. Few rows, read whole: the options are
-- one document in the API's JSON shape.
CREATE TABLE publish_locations (
    prefix     varchar(255) PRIMARY KEY CHECK (prefix ~ '^[A-Za-z0-9._/-]{1,255}$'
                                               AND prefix !~ '(^|/)(\.|\.\.|-)?(/|$)'),
    options    jsonb        NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(options) = 'object'),
    created_at timestamptz  NOT NULL DEFAULT now(),
    updated_at timestamptz  NOT NULL DEFAULT now()
);

-- Templates: streams named prefix/REST that are not configured themselves take these options
-- (%s in input URLs is REST). A prefix belongs to one template.
CREATE TABLE stream_templates (
    name       varchar(255) PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9._/-]{1,255}$'),
    prefix     varchar(255) NOT NULL UNIQUE CHECK (prefix ~ '^[A-Za-z0-9._/-]{1,255}$'
                                                   AND prefix !~ '(^|/)(\.|\.\.|-)?(/|$)'),
    options    jsonb        NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(options) = 'object'),
    created_at timestamptz  NOT NULL DEFAULT now(),
    updated_at timestamptz  NOT NULL DEFAULT now()
);
