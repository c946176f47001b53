package org.openstreamer.connector.push;

import org.openstreamer.connector.api.ByteSink;
import org.openstreamer.connector.api.LiveTsReader;
import org.openstreamer.connector.api.PushConfig;
import org.openstreamer.connector.api.PushInfo;
import org.openstreamer.connector.buffer.LiveStream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One push of one stream: waits for the stream's frames, connects, copies the live MPEG-TS from
 * the latest keyframe on, and retries every {@code retry_timeout} seconds after a failure (up to
 * {@code retry_limit} failures in a row). Driven by the {@link Pushes} thread only: {@link #tick}
 * moves it between states, {@link #pump} moves data; neither blocks. The URL's {@code %s} is the
 * stream name.
 */
final class Pusher extends PushJobBase {

    /** Bytes read from the stream and handed to the connection at a time. */
    static final int BATCH = 348 * 188;
    /** Batches one push may send per turn before the others get theirs. */
    private static final int BATCHES_PER_TURN = 4;
    private static final long CONNECT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);

    enum State { WAITING, CONNECTING, RUNNING, RETRYING, ERROR, DISABLED, CLOSED }

    private final PushTarget target;
    private final Function<String, LiveStream> hubs;
    private final Consumer<PushJob> wake;
    private ByteBuffer out = ByteBuffer.allocateDirect(BATCH).flip();
    private ByteSink sink = out::put;
    /** Non-null when the URL chose tracks ({@code tracks=}). */
    private TrackFilter tracks;

    private State state;
    private LiveStream hub;
    private LiveTsReader reader;
    private PushConnection connection;
    private long deadline;
    private volatile long bytes;
    private long bytesThisConnection;
    private Instant connectedAt;

    /**
     * @param hubs the live hub of a stream if it exists (never creates one)
     * @param wake queues this push for {@link #pump} (called on media threads)
     */
    Pusher(String stream, PushConfig config, boolean streamDisabled, Function<String, LiveStream> hubs,
           PushReporter report, Consumer<PushJob> wake) {
        super(stream, config, streamDisabled, report);
        this.hubs = hubs;
        this.wake = wake;
        PushTarget t = null;
        if (config.disabled() || streamDisabled) {
            state = State.DISABLED;
        } else {
            try {
                t = PushTarget.parse(config.url().replace("%s", stream)); // a prefix's streams have theirs filled in
                state = State.WAITING;
            } catch (IllegalArgumentException e) {
                state = State.ERROR;
                report.refuse(e.getMessage());
            }
        }
        this.target = t;
        if (t != null && t.trackFilter() != null) {
            out = ByteBuffer.allocate(BATCH).flip(); // the filter works on the array
            sink = out::put;
        }
    }

    /** Connects, notices connections that went away and sources that stopped. */
    @Override
    public synchronized void tick(long now) {
        try {
            switch (state) {
                case RETRYING -> {
                    if (report.retryDue(now)) {
                        state = State.WAITING;
                        tick(now);
                    }
                }
                case WAITING -> {
                    LiveStream h = hubs.apply(stream);
                    if (h != null && h.isLive()) {
                        hub = h;
                        connection = target.open();
                        deadline = now + CONNECT_TIMEOUT_NANOS;
                        state = State.CONNECTING;
                        tick(now);
                    }
                }
                case CONNECTING -> {
                    if (connection.finishConnect()) {
                        connected();
                    } else if (now - deadline >= 0) {
                        fail("no connection within " + TimeUnit.NANOSECONDS.toSeconds(CONNECT_TIMEOUT_NANOS) + " s");
                    }
                }
                case RUNNING -> {
                    connection.check();
                    if (hub.isEnded() || hubs.apply(stream) != hub) {
                        stop("the stream's source ended");
                    } else if (sourceGoneTooLong(hub, now)) {
                        stop(sourceStoppedReason());
                    }
                }
                default -> {
                }
            }
        } catch (IOException | RuntimeException e) {
            fail(PushReporter.reason(e));
        }
    }

    private void connected() {
        reader = hub.openReader();
        if (reader == null) { // the source went between the check and now: wait for the next one
            closeConnection();
            state = State.WAITING;
            return;
        }
        state = State.RUNNING;
        report.started();
        bytesThisConnection = 0;
        tracks = target.trackFilter();
        watchSourceAfresh();
        connectedAt = Instant.now();
        out.clear().flip();
        reader.onAvailable(() -> wake.accept(this));
        wake.accept(this);
    }

    /** Sends what the stream has, a few batches at most. */
    @Override
    public synchronized boolean pump() {
        if (state != State.RUNNING) {
            return false;
        }
        try {
            for (int i = 0; i < BATCHES_PER_TURN; i++) {
                if (out.hasRemaining() && !connection.write(out)) {
                    return true;
                }
                out.clear();
                long n = reader.read(sink, BATCH);
                out.flip();
                if (n == LiveTsReader.ENDED) {
                    if (hub.isEnded() || hubs.apply(stream) != hub) {
                        stop("the stream's source ended");
                        return false;
                    }
                    // Fell behind what the stream still holds: go on from the latest keyframe.
                    reader = hub.openReader();
                    if (reader == null) {
                        stop("the stream's source ended");
                        return false;
                    }
                    reader.onAvailable(() -> wake.accept(this));
                    continue;
                }
                if (n == 0) {
                    return false;
                }
                if (tracks != null) {
                    out.limit(tracks.apply(out.array(), out.limit(), hub.currentProgramTables(), hub.tracks()));
                }
                bytes += out.remaining();
                bytesThisConnection += out.remaining();
            }
            return true; // more may be waiting: another turn soon
        } catch (IOException | RuntimeException e) {
            fail(PushReporter.reason(e));
            return false;
        }
    }

    /** The attempt failed: retry after {@code retry_timeout}, or give up after {@code retry_limit} failures in a row. */
    private void fail(String reason) {
        boolean wasRunning = state == State.RUNNING;
        closeConnection();
        state = report.fail(reason) ? State.ERROR : State.RETRYING;
        if (wasRunning) {
            stopped(reason);
        }
    }

    /** Not a failure (the source went): disconnect and wait for frames again. */
    private void stop(String reason) {
        closeConnection();
        state = State.WAITING;
        stopped(reason);
    }

    private void stopped(String reason) {
        report.stopped(reason, bytesThisConnection);
    }

    @Override
    public synchronized void close() {
        if (state == State.RUNNING) {
            stop("the push was removed or changed");
        }
        closeConnection();
        state = State.CLOSED;
    }

    private void closeConnection() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
        if (connection != null) {
            connection.close();
            connection = null;
        }
        connectedAt = null;
    }

    @Override
    public synchronized PushInfo info() {
        String status = switch (state) {
            case CLOSED -> "disabled";
            default -> state.name().toLowerCase(java.util.Locale.ROOT);
        };
        return new PushInfo(config.url(), status, bytes, report.failures(), report.error(), report.errorAt(),
                connectedAt);
    }
}
