-- DRM (the reference's 'drm aes128 [keyserver=URL]'): which streams are protected, and their
-- content keys. A key row holds the key sealed with AES-GCM under the master key kept in WildFly's
-- credential store (nonce, ciphertext, tag: 44 bytes), never the 16 clear bytes; the check makes
-- a clear key impossible to store. Keys outlive the stream's protection and the stream row: the
-- archive segments they encrypted may still be there; retention deletes them with the archive.
CREATE TABLE stream_drm (
    stream       varchar(255)  PRIMARY KEY REFERENCES streams (name) ON DELETE CASCADE,
    method       varchar(16)   NOT NULL DEFAULT 'aes128' CHECK (method = 'aes128'),
    key_server   varchar(2048) CHECK (key_server ~* '^https?://'),
    key_rotation integer       NOT NULL DEFAULT 600 CHECK (key_rotation BETWEEN 4 AND 86400),
    allow_clear  boolean       NOT NULL DEFAULT false
);

CREATE TABLE drm_keys (
    id         bigserial     PRIMARY KEY,
    stream     varchar(255)  NOT NULL,
    starts_ms  bigint        NOT NULL,                 -- used for segments from this UTC instant (Unix ms)
    sealed     bytea         NOT NULL CHECK (octet_length(sealed) = 44),
    key_url    varchar(2048),                          -- an external key server's X-Key-Url, else NULL
    created_at timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX drm_keys_stream ON drm_keys (stream, starts_ms);
