package org.openstreamer.connector.ingest.rtmp;

/**
 * One RTMP message as the chunk reader assembled it. The object and its payload belong to the
 * reader's chunk stream and are reused for that stream's next message: valid until the next
 * {@link RtmpChunkReader#next}.
 */
final class RtmpMessage {

    static final int SET_CHUNK_SIZE = 1;
    static final int ABORT = 2;
    static final int ACKNOWLEDGEMENT = 3;
    static final int USER_CONTROL = 4;
    static final int WINDOW_ACK_SIZE = 5;
    static final int SET_PEER_BANDWIDTH = 6;
    static final int AUDIO = 8;
    static final int VIDEO = 9;
    static final int DATA_AMF3 = 15;
    static final int COMMAND_AMF3 = 17;
    static final int DATA_AMF0 = 18;
    static final int COMMAND_AMF0 = 20;

    int chunkStream;
    int type;
    int streamId;
    /** Milliseconds, 32 bits unsigned. */
    long timestamp;
    byte[] payload;
    int length;

    /** The payload's big-endian 32-bit value at {@code at} (control messages). */
    long u32(int at) {
        if (at + 4 > length) {
            throw new RtmpProtocolException("message type " + type + " too short: " + length + " bytes");
        }
        return ((payload[at] & 0xFFL) << 24) | ((payload[at + 1] & 0xFF) << 16) | ((payload[at + 2] & 0xFF) << 8)
                | (payload[at + 3] & 0xFF);
    }
}
