package org.openstreamer.connector.ingest.srt;

import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.demux.ts.TsDemuxStats;
import org.openstreamer.connector.demux.ts.TsDemuxer;
import org.openstreamer.connector.ingest.srt.jni.SrtNative;
import org.openstreamer.connector.ingest.srt.jni.SrtStats;

/**
 * One publisher: everything its socket delivers goes through its own demuxer into the stream's
 * live buffer. Runs on the reactor thread only; reads are non-blocking and allocation-free.
 */
final class SrtPublisher extends SrtConnection {

    private final TsDemuxer demuxer;
    private final byte[] message = new byte[SrtNative.MAX_LIVE_MESSAGE];
    long bytes;
    boolean framesTimedOut;
    /** Errors as of the last check; readable from any thread (the demuxer is the reactor's alone). */
    volatile long errors;
    /** libsrt's counters as of the last check: it keeps none for a connection that broke. */
    volatile SrtStats lastStats;

    SrtPublisher(int socket, String peer, int port, LiveStream stream) {
        super(socket, peer, port, stream);
        this.demuxer = new TsDemuxer(stream);
    }

    @Override
    String role() {
        return "publisher";
    }

    /**
     * Reads every message waiting on the socket and feeds it on. Returns false once the
     * connection is gone (closed by the peer, broken, or timed out).
     */
    boolean drain() {
        boolean fed = false;
        try {
            while (true) {
                int n = SrtNative.recv(socket, message, 0, message.length);
                if (n == SrtNative.WOULD_BLOCK) {
                    return true;
                }
                if (n <= 0) {
                    return false;
                }
                bytes += n;
                demuxer.feed(message, 0, n);
                fed = true;
            }
        } finally {
            if (fed) {
                stream.flush();
            }
        }
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
    SrtStats finalStats() {
        try {
            return SrtNative.stats(socket, false);
        } catch (RuntimeException e) {
            return lastStats;
        }
    }

    /** Recounts input errors (continuity, sync, transport errors, bad tables and PES); reactor thread only. */
    long countErrors() {
        TsDemuxStats s = demuxer.stats();
        errors = s.ccErrors() + s.syncLosses() + s.teiPackets() + s.malformedPackets() + s.badCrcSections()
                + s.psiErrors() + s.pesErrors() + s.oversizePes();
        return errors;
    }
}
