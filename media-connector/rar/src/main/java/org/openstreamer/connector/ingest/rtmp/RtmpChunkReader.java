package org.openstreamer.connector.ingest.rtmp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

/**
 * Reassembles RTMP messages from the chunk stream (RTMP specification 5.3): basic headers of one
 * to three bytes, message headers of types 0-3, extended timestamps, any chunk size the peer
 * sets, and messages of several chunk streams interleaved. Each chunk stream keeps its own
 * payload buffer, grown to its largest message and then reused, so steady reading allocates
 * nothing. Limits ({@link RtmpLimits}) are checked when a header announces a size, before
 * anything is buffered; breaking them, or the protocol, throws {@link RtmpProtocolException}.
 */
final class RtmpChunkReader {

    /** Called when the socket's read timeout passes without data; may throw to end the connection. */
    interface IdleHook {
        /** @param silentNanos time since the last byte came */
        void idle(long silentNanos) throws IOException;
    }

    static final int DEFAULT_CHUNK_SIZE = 128;
    private static final int EXTENDED = 0xFFFFFF;

    /** The header state and the message being assembled of one chunk stream. */
    private static final class ChunkStream {
        final int id;
        final RtmpMessage message = new RtmpMessage();
        long timestamp;
        long delta;
        int length;
        int type;
        int streamId;
        boolean extended;
        /** Bytes of the current message read so far; -1 between messages. */
        int filled = -1;

        ChunkStream(int id) {
            this.id = id;
            message.chunkStream = id;
            message.payload = new byte[0];
        }
    }

    private final InputStream in;
    private final RtmpLimits limits;
    private final IdleHook idle;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;
    private long bytesRead;
    private long lastDataNanos = System.nanoTime();
    private int chunkSize = DEFAULT_CHUNK_SIZE;
    private final ChunkStream[] streams;
    private int streamCount;
    private long buffered;

    RtmpChunkReader(InputStream in, RtmpLimits limits, IdleHook idle) {
        this.in = in;
        this.limits = limits;
        this.idle = idle;
        this.streams = new ChunkStream[limits.maxChunkStreams()];
    }

    /** Bytes taken from the socket so far (what acknowledgements count). */
    long bytesRead() {
        return bytesRead;
    }

    /** The peer's Set Chunk Size: 1..{@link RtmpLimits#maxChunkSize()}. */
    void setChunkSize(long size) {
        if (size < 1 || size > limits.maxChunkSize()) {
            throw new RtmpProtocolException("chunk size " + size + " out of range 1.." + limits.maxChunkSize());
        }
        chunkSize = (int) size;
    }

    /** The peer's Abort Message: the unfinished message of {@code chunkStream} is dropped. */
    void abort(long chunkStream) {
        for (int i = 0; i < streamCount; i++) {
            if (streams[i].id == chunkStream) {
                streams[i].filled = -1;
            }
        }
    }

    /**
     * Reads chunks until one message is complete and returns it (valid until the next call).
     *
     * @throws EOFException          when the peer closes the connection
     * @throws RtmpProtocolException when the peer breaks the protocol or a limit
     */
    RtmpMessage next() throws IOException {
        while (true) {
            RtmpMessage m = chunk();
            if (m != null) {
                return m;
            }
        }
    }

    /** One chunk; the message it completes, or null. */
    private RtmpMessage chunk() throws IOException {
        int first = u8();
        int fmt = first >>> 6;
        int id = first & 0x3F;
        if (id == 0) {
            id = 64 + u8();
        } else if (id == 1) {
            int low = u8();
            id = 64 + low + (u8() << 8);
        }
        ChunkStream cs = stream(id, fmt);
        boolean newMessage = cs.filled < 0;
        if (fmt <= 2) {
            long field = u24();
            if (fmt <= 1) {
                int length = u24();
                cs.type = u8();
                if (fmt == 0) {
                    cs.streamId = u32le();
                }
                if (!newMessage) {
                    throw new RtmpProtocolException("chunk stream " + id + ": new message header inside a message");
                }
                cs.length = length;
            } else if (!newMessage) {
                throw new RtmpProtocolException("chunk stream " + id + ": new message header inside a message");
            }
            cs.extended = field == EXTENDED;
            if (cs.extended) {
                field = u32();
            }
            if (fmt == 0) {
                cs.timestamp = field;
            } else {
                cs.timestamp = (cs.timestamp + field) & 0xFFFFFFFFL;
            }
            cs.delta = field;
        } else {
            if (cs.extended) {
                u32(); // repeats the extended timestamp of this chunk stream's last header
            }
            if (newMessage) {
                cs.timestamp = (cs.timestamp + cs.delta) & 0xFFFFFFFFL;
            }
        }
        if (newMessage) {
            begin(cs);
        }
        RtmpMessage m = cs.message;
        int n = Math.min(chunkSize, cs.length - cs.filled);
        readFully(m.payload, cs.filled, n);
        cs.filled += n;
        if (cs.filled < cs.length) {
            return null;
        }
        cs.filled = -1;
        m.type = cs.type;
        m.streamId = cs.streamId;
        m.timestamp = cs.timestamp;
        m.length = cs.length;
        return m;
    }

    /** Starts a message on {@code cs}: its size checked, its buffer grown if needed. */
    private void begin(ChunkStream cs) {
        if (cs.length > limits.maxMessage()) {
            throw new RtmpProtocolException("message of " + cs.length + " bytes on chunk stream " + cs.id
                    + " exceeds the limit of " + limits.maxMessage());
        }
        byte[] payload = cs.message.payload;
        if (payload.length < cs.length) {
            int size = Math.min(limits.maxMessage(), Math.max(cs.length, payload.length * 2));
            if (buffered - payload.length + size > limits.maxBuffered()) {
                throw new RtmpProtocolException("unfinished messages would hold more than " + limits.maxBuffered() + " bytes");
            }
            buffered += size - payload.length;
            cs.message.payload = new byte[size];
        }
        cs.filled = 0;
    }

    private ChunkStream stream(int id, int fmt) {
        for (int i = 0; i < streamCount; i++) {
            if (streams[i].id == id) {
                return streams[i];
            }
        }
        if (fmt != 0) {
            throw new RtmpProtocolException("chunk stream " + id + " starts with a type " + fmt + " header");
        }
        if (streamCount == streams.length) {
            throw new RtmpProtocolException("more than " + streams.length + " chunk streams");
        }
        ChunkStream cs = new ChunkStream(id);
        streams[streamCount++] = cs;
        return cs;
    }

    private int u8() throws IOException {
        if (pos == limit) {
            fill();
        }
        return buf[pos++] & 0xFF;
    }

    private int u24() throws IOException {
        return (u8() << 16) | (u8() << 8) | u8();
    }

    private long u32() throws IOException {
        return ((long) u8() << 24) | (u24() & 0xFFFFFFL);
    }

    private int u32le() throws IOException {
        return u8() | (u8() << 8) | (u8() << 16) | (u8() << 24);
    }

    private void readFully(byte[] dst, int off, int len) throws IOException {
        while (len > 0) {
            if (pos == limit) {
                fill();
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    private void fill() throws IOException {
        while (true) {
            int n;
            try {
                n = in.read(buf, 0, buf.length);
            } catch (SocketTimeoutException e) {
                idle.idle(System.nanoTime() - lastDataNanos);
                continue;
            }
            if (n < 0) {
                throw new EOFException("connection closed by the peer");
            }
            if (n > 0) {
                pos = 0;
                limit = n;
                bytesRead += n;
                lastDataNanos = System.nanoTime();
                return;
            }
        }
    }
}
