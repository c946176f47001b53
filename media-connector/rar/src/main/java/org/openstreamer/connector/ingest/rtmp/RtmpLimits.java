package org.openstreamer.connector.ingest.rtmp;

/**
 * What one RTMP peer may make the server hold, checked as soon as a header announces it.
 *
 * @param maxMessage      bytes of one message (a video keyframe of a high-bitrate stream fits easily)
 * @param maxChunkSize    largest Set Chunk Size accepted
 * @param maxChunkStreams chunk streams in use at once (encoders use four or five)
 * @param maxBuffered     bytes held for unfinished messages of all chunk streams together
 */
record RtmpLimits(int maxMessage, int maxChunkSize, int maxChunkStreams, int maxBuffered) {

    static final RtmpLimits DEFAULT = new RtmpLimits(8 << 20, 1 << 24, 64, 24 << 20);

    RtmpLimits {
        if (maxMessage < 1024 || maxChunkSize < 128 || maxChunkStreams < 2 || maxBuffered < maxMessage) {
            throw new IllegalArgumentException("RTMP limits too small: " + this);
        }
    }
}
