package org.openstreamer.connector.ingest.srt;

import org.openstreamer.connector.api.ByteSink;
import org.openstreamer.connector.api.LiveTsReader;
import org.openstreamer.connector.api.PlayAuthorizer;
import org.openstreamer.connector.ingest.srt.jni.SrtNative;
import org.openstreamer.connector.ingest.srt.jni.SrtStats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One SRT player: the stream's live TS, from its latest keyframe, sent in messages of up to seven
 * packets with non-blocking sends. A player whose send buffer is full is too slow for live and is
 * dropped, so it can never hold anyone else back.
 */
final class SrtPlayer extends SrtConnection {

    /** Seven TS packets: the usual SRT live payload. */
    static final int MESSAGE = 7 * 188;
    private static final IOException SLOW = new IOException("send buffer full or connection broken");

    final LiveTsReader reader;
    final AtomicBoolean queued = new AtomicBoolean();
    private final ByteSink sink = this::send;
    final PlayAuthorizer.Grant grant;
    volatile boolean closed;
    /** Why the server cuts this player (its session was closed), or null; the pump thread acts on it. */
    volatile String revoked;
    /** Bytes sent, written by the pump thread only. */
    long bytesSent;

    SrtPlayer(int socket, String peer, int port, String stream, LiveTsReader reader, PlayAuthorizer.Grant grant) {
        super(socket, peer, port, stream);
        this.reader = reader;
        this.grant = grant;
    }

    @Override
    String role() {
        return "player";
    }

    /**
     * Read from libsrt when asked (players are not sampled); {@code srt_bstats} is safe from any
     * thread and refuses a socket closed meanwhile.
     */
    @Override
    SrtStats currentStats() {
        if (closed) {
            return null;
        }
        try {
            return SrtNative.stats(socket, false);
        } catch (RuntimeException gone) {
            return null;
        }
    }

    /** Sends everything available now. Returns false when the player must go. */
    boolean pump() {
        try {
            long n;
            while ((n = reader.read(sink, MESSAGE)) > 0) {
                // keep going until caught up with the live edge
            }
            return n != LiveTsReader.ENDED;
        } catch (IOException e) {
            return false;
        }
    }

    private void send(ByteBuffer bytes) throws IOException {
        int length = bytes.remaining();
        int sent = bytes.isDirect() ? SrtNative.send(socket, bytes)
                : SrtNative.send(socket, bytes.array(), bytes.arrayOffset() + bytes.position(), length);
        if (sent != length) {
            throw SLOW;
        }
        bytesSent += sent;
    }
}
