package org.openstreamer.connector.ingest.srt;

import org.openstreamer.connector.ingest.IngestSession;
import org.openstreamer.connector.ingest.Source;
import org.openstreamer.connector.ingest.srt.jni.SrtNative;
import org.openstreamer.connector.ingest.srt.jni.SrtStats;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One SRT publisher, a {@link Source} to the engine: everything its socket delivers goes into its
 * {@link IngestSession}. Runs on the reactor thread only; reads are non-blocking and
 * allocation-free.
 */
final class SrtPublisher extends SrtConnection implements Source {

    /** Messages read before they are fed as one chunk (the hub wakes its readers once a chunk). */
    static final int MESSAGES_PER_CHUNK = 16;

    private final byte[] chunk = new byte[MESSAGES_PER_CHUNK * SrtNative.MAX_LIVE_MESSAGE];
    private final BiConsumer<SrtPublisher, String> disconnect;
    /** Set once the engine has admitted this publisher, before its socket is read. */
    IngestSession session;
    /** libsrt's counters as of the last check: it keeps none for a connection that broke. */
    private volatile SrtStats lastStats;

    /** @param disconnect closes a publisher on the reactor thread, with a reason */
    SrtPublisher(int socket, String peer, int port, String stream, BiConsumer<SrtPublisher, String> disconnect) {
        super(socket, peer, port, stream);
        this.disconnect = disconnect;
    }

    @Override
    String role() {
        return "publisher";
    }

    @Override
    public String protocol() {
        return "srt";
    }

    @Override
    public String peer() {
        return peer;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void disconnect(String reason) {
        disconnect.accept(this, reason);
    }

    @Override
    public Map<String, ?> stopStats() {
        SrtStats s = finalStats();
        return s == null ? Map.of() : Map.of("srt_stats", s.eventData());
    }

    /**
     * Reads every message waiting on the socket and feeds it on, in chunks of up to
     * {@link #MESSAGES_PER_CHUNK} messages. Returns false once the connection is gone (closed by
     * the peer, broken, or timed out).
     */
    boolean drain() {
        int filled = 0;
        try {
            while (true) {
                if (chunk.length - filled < SrtNative.MAX_LIVE_MESSAGE) {
                    int full = filled;
                    filled = 0;
                    session.feed(chunk, 0, full);
                }
                int n = SrtNative.recv(socket, chunk, filled, SrtNative.MAX_LIVE_MESSAGE);
                if (n == SrtNative.WOULD_BLOCK) {
                    return true;
                }
                if (n <= 0) {
                    return false;
                }
                filled += n;
            }
        } finally {
            if (filled > 0) {
                session.feed(chunk, 0, filled);
            }
        }
    }

    /** The last half-second sample: monitoring never calls into libsrt from another thread for a publisher. */
    @Override
    SrtStats currentStats() {
        return lastStats;
    }

    /** Samples the connection's counters, so that they outlive a broken connection. */
    void sampleStats() {
        try {
            lastStats = SrtNative.stats(socket, false);
        } catch (RuntimeException ignored) {
            // broken already: the previous sample stands
        }
    }

    /** The counters now, or as last sampled when the connection is already broken. */
    private SrtStats finalStats() {
        try {
            return SrtNative.stats(socket, false);
        } catch (RuntimeException e) {
            return lastStats;
        }
    }
}
