-- A global SRT port or an SRT port range may listen on an address of its own (an IPv4 literal,
-- 0.0.0.0 for every interface) instead of the server's SRT bind address; NULL keeps the latter.
ALTER TABLE server_srt_endpoints
    ADD COLUMN bind_address varchar(15) CHECK (bind_address ~ '^[0-9]{1,3}(\.[0-9]{1,3}){3}$');

ALTER TABLE server_srt_listeners
    ADD COLUMN bind_address varchar(15) CHECK (bind_address ~ '^[0-9]{1,3}(\.[0-9]{1,3}){3}$');
