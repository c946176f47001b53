-- The RTMP listener's port (listeners.rtmp): NULL keeps the default 1935, 0 turns RTMP off.
ALTER TABLE server_config
    ADD COLUMN rtmp_port integer CHECK (rtmp_port BETWEEN 0 AND 65535);
