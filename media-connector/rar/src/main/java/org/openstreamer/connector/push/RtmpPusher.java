package org.openstreamer.connector.push;

import org.openstreamer.connector.api.ByteSink;
import org.openstreamer.connector.api.LiveTsReader;
import org.openstreamer.connector.api.PushConfig;
import org.openstreamer.connector.api.PushInfo;
import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.ingest.rtmp.RtmpClient;
import org.openstreamer.connector.ingest.rtmp.TlsSockets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code rtmp://HOST/APP/NAME} and {@code rtmps://}: publishes the stream to an RTMP server (a
 * CDN, a social network, another media server) as FLV tags. RTMP is a blocking protocol here, so
 * each connection runs on a thread of its own ({@link RtmpClient}); the {@link Pushes} thread only
 * starts it, watches it, and applies {@code retry_timeout}, {@code retry_limit} and {@code timeout}
 * as for every push.
 */
final class RtmpPusher extends PushJobBase {

    private static final int READ = 64 * 1024;

    private enum State { WAITING, RUNNING, RETRYING, ERROR, DISABLED, CLOSED }

    private final Function<String, LiveStream> hubs;
    private final RtmpClient.Target target;
    private State state;
    private Connection connection;
    private long bytes;
    private Instant connectedAt;

    RtmpPusher(String stream, PushConfig config, boolean streamDisabled, Function<String, LiveStream> hubs,
               PushReporter report) {
        super(stream, config, streamDisabled, report);
        this.hubs = hubs;
        RtmpClient.Target t = null;
        if (config.disabled() || streamDisabled) {
            state = State.DISABLED;
        } else {
            try {
                t = RtmpClient.Target.parse(config.url().replace("%s", stream));
                state = State.WAITING;
            } catch (IllegalArgumentException e) {
                state = State.ERROR;
                report.refuse(e.getMessage());
            }
        }
        this.target = t;
    }

    /** One attempt: its thread connects, publishes and sends until it fails or is stopped. */
    private final class Connection implements Runnable {
        final LiveStream hub;
        final Semaphore available = new Semaphore(0);
        volatile boolean stop;
        /** Set once publishing was accepted. */
        volatile boolean publishing;
        /** Why the attempt ended by itself; null while it runs, or when stopped. */
        volatile String failure;
        volatile boolean ended;
        volatile long sent;
        private byte[] copy = new byte[READ];

        Connection(LiveStream hub) {
            this.hub = hub;
        }

        @Override
        public void run() {
            try (RtmpClient client = RtmpClient.publish(target, config.tlsVerify())) {
                LiveTsReader reader = hub.openReader();
                if (reader == null) {
                    failure = "the stream's source ended";
                    return;
                }
                try {
                    reader.onAvailable(available::release);
                    publishing = true;
                    ByteSink sink = b -> {
                        int n = b.remaining();
                        if (b.hasArray()) {
                            client.packets(b.array(), b.arrayOffset() + b.position(), n);
                        } else {
                            if (copy.length < n) {
                                copy = new byte[n];
                            }
                            b.duplicate().get(copy, 0, n);
                            client.packets(copy, 0, n);
                        }
                        sent += n;
                    };
                    while (!stop) {
                        available.drainPermits();
                        long n;
                        while ((n = reader.read(sink, READ)) > 0) {
                            // up to the live edge
                        }
                        if (n == LiveTsReader.ENDED) {
                            if (hub.isEnded() || stop) {
                                break;
                            }
                            reader.close(); // fell behind: on from the latest keyframe
                            reader = hub.openReader();
                            if (reader == null) {
                                break;
                            }
                            reader.onAvailable(available::release);
                            continue;
                        }
                        client.flush();
                        available.tryAcquire(500, TimeUnit.MILLISECONDS);
                    }
                } finally {
                    reader.close();
                }
            } catch (javax.net.ssl.SSLHandshakeException e) {
                failure = TlsSockets.handshakeFailure(target.host() + ":" + target.port(), e, config.tlsVerify());
            } catch (IOException | RuntimeException e) {
                failure = PushReporter.reason(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                ended = true;
            }
        }
    }

    @Override
    public synchronized void tick(long now) {
        if (state == State.RETRYING && report.retryDue(now)) {
            state = State.WAITING;
        }
        if (state == State.WAITING) {
            LiveStream h = hubs.apply(stream);
            if (h != null && h.isLive()) {
                connection = new Connection(h);
                watchSourceAfresh();
                state = State.RUNNING;
                Thread t = new Thread(connection, "rtmp-push " + stream);
                t.setDaemon(true);
                t.start();
            }
            return;
        }
        if (state != State.RUNNING) {
            return;
        }
        Connection c = connection;
        if (c.publishing && connectedAt == null) {
            connectedAt = Instant.now();
            report.started();
        }
        if (c.ended) {
            if (c.failure != null) {
                fail(c.failure);
            } else {
                stop("the stream's source ended");
            }
        } else if (hubs.apply(stream) != c.hub) {
            stop("the stream's source ended");
        } else if (sourceGoneTooLong(c.hub, now)) {
            stop(sourceStoppedReason());
        }
    }

    private void fail(String reason) {
        boolean started = connectedAt != null;
        long sent = end();
        state = report.fail(reason) ? State.ERROR : State.RETRYING;
        if (started) {
            report.stopped(reason, sent);
        }
    }

    private void stop(String reason) {
        boolean started = connectedAt != null;
        long sent = end();
        state = State.WAITING;
        if (started) {
            report.stopped(reason, sent);
        }
    }

    /** Stops the attempt's thread (it closes its socket soon); returns what it sent. */
    private long end() {
        Connection c = connection;
        connection = null;
        connectedAt = null;
        if (c == null) {
            return 0;
        }
        c.stop = true;
        c.available.release();
        bytes += c.sent;
        return c.sent;
    }

    @Override
    public synchronized void close() {
        if (state == State.RUNNING) {
            stop("the push was removed or changed");
        }
        state = State.CLOSED;
    }

    @Override
    public synchronized PushInfo info() {
        Connection c = connection;
        String status = state == State.CLOSED ? "disabled"
                : state == State.RUNNING && connectedAt == null ? "connecting" : state.name().toLowerCase(Locale.ROOT);
        return new PushInfo(config.url(), status, bytes + (c == null ? 0 : c.sent), report.failures(), report.error(),
                report.errorAt(), connectedAt);
    }
}
