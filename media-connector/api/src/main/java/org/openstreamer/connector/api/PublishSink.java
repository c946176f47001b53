package org.openstreamer.connector.api;

/**
 * The way in for a publisher whose connection the web module owns (MPEG-TS in an HTTP request
 * body): the request thread hands it the bytes as they arrive, and closes it when the body ends or
 * the connection breaks. It outlives the {@link MediaEngine} handle that opened it.
 *
 * <p>All calls come from the one thread that reads the body, except {@link #close}, which any
 * thread may call once or more (only the first reason counts), and {@link #onEnd}.
 */
public interface PublishSink {

    /**
     * Feeds MPEG-TS bytes in any cut. Returns false once the engine has ended this publisher (the
     * stream was restarted, removed or disabled, or the input is not MPEG-TS: see
     * {@link #endReason}); the caller then stops reading and closes the connection.
     */
    boolean write(byte[] buf, int off, int len);

    /** Why the engine ended this publisher, or null while it may go on. */
    String endReason();

    /** Whether the engine ended this publisher because its input is not MPEG-TS (a client error). */
    boolean inputRefused();

    /**
     * Runs {@code action} once if the engine ends this publisher from another thread than the one
     * that writes (a restart, the stream removed), on that thread, at once if it has already: the
     * writer may be blocked reading a connection that has gone quiet, and the action can wake it
     * (by closing that connection). An end found while writing is reported by {@link #write}.
     */
    void onEnd(Runnable action);

    /** The publisher is gone: the stream is free for the next one and {@code publish_stopped} reports {@code reason}. */
    void close(String reason);
}
