package org.openstreamer.connector.ingest.rtsp;

/**
 * Turns the payloads of one RTP stream, in sequence order, into access units. Damage (lost
 * packets, malformed payloads) drops the units it touches, which are counted, never thrown.
 */
public interface RtpDepacketizer {

    /** Where whole access units go; the bytes are valid only during the call. */
    @FunctionalInterface
    interface Sink {
        /**
         * @param timestamp the RTP timestamp of the unit, extended past 32 bits
         * @param keyframe  video: it starts with a random access point; audio: always true
         */
        void unit(long timestamp, boolean keyframe, byte[] buf, int off, int len);
    }

    /**
     * One packet's payload.
     *
     * @param timestamp  its RTP timestamp, extended past 32 bits
     * @param marker     the RTP marker bit (the last packet of a video access unit)
     * @param lossBefore packets went missing between the previous payload and this one
     */
    void payload(byte[] buf, int off, int len, long timestamp, boolean marker, boolean lossBefore);

    /** Access units dropped as damaged or malformed so far. */
    long dropped();
}
