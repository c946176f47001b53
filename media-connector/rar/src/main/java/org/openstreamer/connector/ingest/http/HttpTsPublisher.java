package org.openstreamer.connector.ingest.http;

import org.openstreamer.connector.api.PublishSink;
import org.openstreamer.connector.ingest.IngestSession;
import org.openstreamer.connector.ingest.Source;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A publisher sending MPEG-TS in an HTTP request body ({@code PUT} or {@code POST /NAME/mpegts}).
 * The web module owns the connection and reads the body on its request thread; this is the
 * engine's side of it: a {@link Source} to the engine, a {@link PublishSink} to the web module.
 * The reading thread is the feeding thread, so {@link #disconnect} leaves a note that the next
 * {@link #write} acts on, and (from another thread) runs the web module's {@link #onEnd} action,
 * since that next write may be long in coming from a publisher that went quiet.
 */
public final class HttpTsPublisher implements Source, PublishSink {

    private final String peer;
    private final int port;
    private IngestSession session;
    private volatile String endReason;
    /** The thread that writes, once it has. */
    private volatile Thread writer;
    private final AtomicReference<Runnable> onEnd = new AtomicReference<>();

    public HttpTsPublisher(String peer, int port) {
        this.peer = peer;
        this.port = port;
    }

    /** Admits this publisher through {@code open}; false when the stream is gone or has a publisher by now. */
    public boolean attach(Function<Source, IngestSession> open) {
        session = open.apply(this);
        return session != null;
    }

    @Override
    public boolean write(byte[] buf, int off, int len) {
        if (writer == null) {
            writer = Thread.currentThread();
        }
        String reason = endReason;
        if (reason != null) {
            session.close(reason);
            return false;
        }
        session.feed(buf, off, len);
        session.checkIfDue();
        return endReason == null;
    }

    @Override
    public String endReason() {
        return endReason;
    }

    @Override
    public boolean inputRefused() {
        return session.refusal() != null;
    }

    @Override
    public void close(String reason) {
        String why = endReason;
        session.close(why != null ? why : reason);
    }

    @Override
    public String protocol() {
        return "http";
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
    public void onEnd(Runnable action) {
        onEnd.set(action);
        if (endReason != null) {
            runOnEnd();
        }
    }

    /** Noted for the next write; from another thread, the web module's action wakes a writer blocked on a quiet connection. */
    @Override
    public void disconnect(String reason) {
        if (endReason == null) {
            endReason = reason;
        }
        if (Thread.currentThread() != writer) {
            runOnEnd();
        }
    }

    private void runOnEnd() {
        Runnable action = onEnd.getAndSet(null);
        if (action != null) {
            action.run();
        }
    }

    @Override
    public Map<String, ?> stopStats() {
        return Map.of();
    }
}
