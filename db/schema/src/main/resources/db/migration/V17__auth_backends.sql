-- Named playback authorization backends (the reference's auth_backend NAME { ... } blocks), kept
-- with the server settings as the API's JSON object: name -> the block's rule lines, in order.
ALTER TABLE server_config
    ADD COLUMN auth_backends text CHECK (auth_backends IS NULL OR auth_backends ~ '^\{');

-- on_play may also name such a block (auth://NAME) or hold a secret checked by the server itself
-- (securetoken://SECRET), on streams and server-wide; the services check the rest of the value.
ALTER TABLE streams DROP CONSTRAINT streams_on_play_check;
ALTER TABLE streams ADD CONSTRAINT streams_on_play_check CHECK (on_play ~* '^(https?|securetoken|auth)://');
ALTER TABLE server_config DROP CONSTRAINT server_config_on_play_check;
ALTER TABLE server_config ADD CONSTRAINT server_config_on_play_check CHECK (on_play ~* '^(https?|securetoken|auth)://');
