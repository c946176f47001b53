-- soft_limitation (a user over its X-Max-Sessions is cut only once its sessions prove to be in use),
-- per stream (NULL: the server's setting) and server-wide; and a stream's domains (the referer lock:
-- host names, *.host or *, separated by spaces; NULL for none). The services check the patterns.
ALTER TABLE streams
    ADD COLUMN soft_limitation boolean,
    ADD COLUMN domains         varchar(4096);

ALTER TABLE server_config
    ADD COLUMN soft_limitation boolean NOT NULL DEFAULT false;
