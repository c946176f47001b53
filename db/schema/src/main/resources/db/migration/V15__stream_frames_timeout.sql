-- Seconds without frames before frames_timed_out (the stream setting frames_timeout); NULL for the default, 3.
ALTER TABLE streams
    ADD COLUMN frames_timeout integer CHECK (frames_timeout BETWEEN 1 AND 3600);
