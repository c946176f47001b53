-- How RTSP inputs get their RTP (the stream setting rtp): 'udp', 'tcp' (interleaved), NULL for tcp.
ALTER TABLE streams
    ADD COLUMN rtp varchar(8) CHECK (rtp IN ('udp', 'tcp'));
