-- Server-wide settings of the reference's vocabulary beside the SRT ones: extra HTTP listener
-- ports (opened in WildFly at run time, beside its own HTTP port), the URL prefix written before
-- the segment and playlist URLs of HLS playlists, and the key cluster peers authenticate with.
ALTER TABLE server_config
    ADD COLUMN url_prefix  varchar(2048),
    ADD COLUMN cluster_key varchar(255) CHECK (char_length(cluster_key) BETWEEN 1 AND 255);

CREATE TABLE server_http_listeners (
    config_id smallint     NOT NULL DEFAULT 1 REFERENCES server_config (id) ON DELETE CASCADE,
    position  integer      NOT NULL CHECK (position >= 0),
    address   varchar(255),
    port      integer      NOT NULL CHECK (port BETWEEN 1 AND 65535),
    PRIMARY KEY (config_id, position),
    UNIQUE (config_id, port)
);
