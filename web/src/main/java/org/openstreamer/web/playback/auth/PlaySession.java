package org.openstreamer.web.playback.auth;

import java.net.URI;
import java.util.concurrent.atomic.LongAdder;

/**
 * One viewer of one stream: allowed (open) or denied (a ban that refuses the same stream, IP and
 * token without asking the backend until it ends). The fields a request reads are volatile; the
 * {@link SessionTable} changes them.
 */
public final class PlaySession {

    public enum State { OPEN, BANNED, CLOSED }

    private final String id;
    private final SessionKey key;
    private final URI backend;
    private final PlayRequest request;
    private final long createdAt;
    /** System.nanoTime() when it opened: orders sessions opened within one millisecond. */
    final long openedNanos;
    final LongAdder bytes = new LongAdder();
    volatile State state;
    volatile String userId;
    volatile long lastSeenNanos;
    /** When the backend is asked again (open), or when the ban ends (banned); System.nanoTime(). */
    volatile long deadlineNanos;
    volatile long authSeconds;
    volatile String closeReason;
    volatile boolean checking;
    /** Opened under {@code soft_limitation}: its user's excess sessions are cut only once they prove to be in use. */
    volatile boolean softLimit;
    /** The last playlist this session was sent and its copy with the session's token: most requests reuse it. */
    volatile Object[] playlist;
    /** Ends the viewer's connection (MPEG-TS); null for HLS, whose next request is refused instead. */
    volatile Runnable disconnect;

    PlaySession(String id, SessionKey key, URI backend, PlayRequest request, long nowNanos, long createdAtMillis) {
        this.id = id;
        this.key = key;
        this.backend = backend;
        this.request = request;
        this.createdAt = createdAtMillis;
        this.lastSeenNanos = nowNanos;
        this.openedNanos = nowNanos;
    }

    public String id() {
        return id;
    }

    public SessionKey key() {
        return key;
    }

    /** The backend of the stream when the session opened: a changed {@code on_play} applies to new sessions only. */
    public URI backend() {
        return backend;
    }

    /** The request that opened the session (what the backend is told again on a re-check). */
    public PlayRequest request() {
        return request;
    }

    public long createdAt() {
        return createdAt;
    }

    public State state() {
        return state;
    }

    public String userId() {
        return userId;
    }

    public long bytesSent() {
        return bytes.sum();
    }

    public String closeReason() {
        return closeReason;
    }

    public boolean isOpen() {
        return state == State.OPEN;
    }

    /** A request of this session came: it stays open while its viewer keeps asking. */
    public void seen(long nowNanos, long sentBytes) {
        lastSeenNanos = nowNanos;
        if (sentBytes > 0) {
            bytes.add(sentBytes);
        }
    }

    /** Sets what ends the viewer's connection when the session closes (a long MPEG-TS response). */
    public void onDisconnect(Runnable r) {
        disconnect = r;
        if (state != State.OPEN) {
            r.run();
        }
    }
}
