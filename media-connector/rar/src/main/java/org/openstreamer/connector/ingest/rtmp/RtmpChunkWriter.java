package org.openstreamer.connector.ingest.rtmp;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes RTMP messages as chunks: a type 0 header, then type 3 continuation headers every
 * {@link #chunkSize()} bytes. One writer per connection, not thread-safe: a connection that
 * plays shares it with its player's thread, and both synchronize on it. The header scratch space
 * is reused.
 */
final class RtmpChunkWriter {

    /** Chunk stream of protocol control messages (RTMP specification 5.4). */
    static final int CONTROL_CHUNK_STREAM = 2;
    /** Chunk stream the server's command replies and status messages go on. */
    static final int COMMAND_CHUNK_STREAM = 3;

    private final OutputStream out;
    private final byte[] header = new byte[18];
    private int chunkSize = RtmpChunkReader.DEFAULT_CHUNK_SIZE;

    RtmpChunkWriter(OutputStream out) {
        this.out = out;
    }

    int chunkSize() {
        return chunkSize;
    }

    /** Sends Set Chunk Size and uses it from then on. */
    void setChunkSize(int size) throws IOException {
        control(RtmpMessage.SET_CHUNK_SIZE, size);
        chunkSize = size;
    }

    /** A protocol control message carrying one 32-bit value (chunk size, ack, window). */
    void control(int type, int value) throws IOException {
        byte[] v = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        write(CONTROL_CHUNK_STREAM, type, 0, 0, v, 0, 4);
    }

    /** Set Peer Bandwidth: the window and limit type 2 (dynamic). */
    void peerBandwidth(int window) throws IOException {
        byte[] v = {(byte) (window >>> 24), (byte) (window >>> 16), (byte) (window >>> 8), (byte) window, 2};
        write(CONTROL_CHUNK_STREAM, RtmpMessage.SET_PEER_BANDWIDTH, 0, 0, v, 0, 5);
    }

    /** User Control event with one 32-bit argument (Stream Begin, Stream EOF: a stream id). */
    void userControl(int event, int value) throws IOException {
        byte[] v = {(byte) (event >>> 8), (byte) event,
                (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        write(CONTROL_CHUNK_STREAM, RtmpMessage.USER_CONTROL, 0, 0, v, 0, 6);
    }

    /** One message; chunk stream ids 2..63 (one-byte basic header) are all the server uses. */
    void write(int chunkStream, int type, int streamId, long timestamp, byte[] payload, int off, int len)
            throws IOException {
        if (chunkStream < 2 || chunkStream > 63) {
            throw new IllegalArgumentException("chunk stream " + chunkStream);
        }
        boolean extended = timestamp >= 0xFFFFFF;
        int h = 0;
        header[h++] = (byte) chunkStream;
        int ts = extended ? 0xFFFFFF : (int) timestamp;
        header[h++] = (byte) (ts >>> 16);
        header[h++] = (byte) (ts >>> 8);
        header[h++] = (byte) ts;
        header[h++] = (byte) (len >>> 16);
        header[h++] = (byte) (len >>> 8);
        header[h++] = (byte) len;
        header[h++] = (byte) type;
        header[h++] = (byte) streamId;
        header[h++] = (byte) (streamId >>> 8);
        header[h++] = (byte) (streamId >>> 16);
        header[h++] = (byte) (streamId >>> 24);
        h = putExtended(h, extended, timestamp);
        out.write(header, 0, h);
        int written = 0;
        while (true) {
            int n = Math.min(chunkSize, len - written);
            out.write(payload, off + written, n);
            written += n;
            if (written >= len) {
                break;
            }
            h = 0;
            header[h++] = (byte) (0xC0 | chunkStream);
            h = putExtended(h, extended, timestamp);
            out.write(header, 0, h);
        }
    }

    void flush() throws IOException {
        out.flush();
    }

    private int putExtended(int h, boolean extended, long timestamp) {
        if (extended) {
            header[h++] = (byte) (timestamp >>> 24);
            header[h++] = (byte) (timestamp >>> 16);
            header[h++] = (byte) (timestamp >>> 8);
            header[h++] = (byte) timestamp;
        }
        return h;
    }
}
