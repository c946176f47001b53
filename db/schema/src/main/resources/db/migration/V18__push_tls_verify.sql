-- A push over TLS (rtmps://, hlss://) checks the destination's certificate unless tls_verify is false.
ALTER TABLE stream_pushes
    ADD COLUMN tls_verify boolean NOT NULL DEFAULT true;
