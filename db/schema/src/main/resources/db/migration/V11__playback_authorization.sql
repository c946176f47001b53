-- Server-wide playback authorization (the reference's global auth, max_sessions and no_auto_token):
-- the backend of streams without an on_play of their own, the most viewers on the server at once,
-- and whether a viewer without a token is refused instead of given one.
ALTER TABLE server_config
    ADD COLUMN on_play       varchar(2048) CHECK (on_play ~* '^https?://'),
    ADD COLUMN max_sessions  integer       CHECK (max_sessions BETWEEN 1 AND 10000000),
    ADD COLUMN no_auto_token boolean       NOT NULL DEFAULT false;
