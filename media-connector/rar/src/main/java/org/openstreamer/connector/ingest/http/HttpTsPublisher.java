package org.openstreamer.connector.ingest.http;

import org.openstreamer.connector.api.PublishSink;
import org.openstreamer.connector.ingest.IngestSession;
import org.openstreamer.connector.ingest.Source;

import java.util.Map;
import java.util.function.Function;

/**
 * A publisher sending MPEG-TS in an HTTP request body ({@code PUT} or {@code POST /NAME/mpegts}).
 * The web module owns the connection and reads the body on its request thread; this is the
 * engine's side of it: a {@link Source} to the engine, a {@link PublishSink} to the web module.
 * The reading thread is the feeding thread, so {@link #disconnect} only leaves a note that the
 * next {@link #write} acts on.
 */
public final class HttpTsPublisher implements Source, PublishSink {

    private final String peer;
    private final int port;
    private IngestSession session;
    private volatile String endReason;

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
    public void disconnect(String reason) {
        if (endReason == null) {
            endReason = reason;
        }
    }

    @Override
    public Map<String, ?> stopStats() {
        return Map.of();
    }
}
