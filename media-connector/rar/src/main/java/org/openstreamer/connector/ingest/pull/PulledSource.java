package org.openstreamer.connector.ingest.pull;

import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.MediaEventType;
import org.openstreamer.connector.ingest.IngestSession;
import org.openstreamer.connector.ingest.Source;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * A static stream's pulled input (any {@link PullUrl.Scheme}, each client delivering MPEG-TS) on
 * its own thread: connect, feed what comes to an {@link IngestSession}, and when the connection
 * fails, ends, or brings no frames for {@code source_timeout}, connect again, for ever, waiting
 * {@link #backoffMillis} between attempts. The session is opened with the first bytes, so a silent
 * source never counts as a publisher.
 *
 * <p>Each failure becomes a {@code source_lost} event with the reason (through the session when one
 * was open). A source that keeps failing the same way is reported once, not every few seconds
 * for as long as it is down; a new reason, or a failure after it worked, is reported again.
 */
public final class PulledSource implements Runnable, Source {

    private static final Logger LOG = Logger.getLogger(PulledSource.class.getName());
    /** Longest wait inside a read: how soon timeouts, checks and stop requests are seen. */
    public static final int POLL_MILLIS = 500;
    static final long FIRST_RETRY_MILLIS = 500;
    static final long MAX_RETRY_MILLIS = 5000;
    private static final int CHUNK = 64 * 1024;

    private final String stream;
    private final PullUrl url;
    private final long sourceTimeoutMillis;
    private final TsInput.Opener opener;
    private final Function<Source, IngestSession> open;
    private final Consumer<MediaEvent> events;
    private volatile boolean running = true;
    private volatile String disconnectReason;
    private volatile String lastError;
    private volatile Thread thread;
    /** The reason last reported by an event, to report a run of equal failures once. */
    private String reported;
    private int failures;

    /**
     * @param open admits this source to its stream: the session, or null while the stream has
     *             another publisher or is gone
     */
    public PulledSource(String stream, PullUrl url, int sourceTimeoutSeconds, TsInput.Opener opener,
                        Function<Source, IngestSession> open, Consumer<MediaEvent> events) {
        this.stream = stream;
        this.url = url;
        this.sourceTimeoutMillis = sourceTimeoutSeconds * 1000L;
        this.opener = opener;
        this.open = open;
        this.events = events;
    }

    /** The opener of each scheme's client; each delivers MPEG-TS. */
    public static TsInput.Opener openerFor(PullUrl.Scheme scheme) {
        return switch (scheme) {
            case UDP -> org.openstreamer.connector.ingest.udp.UdpTsInput::open;
            case TSHTTP, TSHTTPS -> org.openstreamer.connector.ingest.tshttp.HttpTsInput::open;
            case TSTCP -> org.openstreamer.connector.ingest.tstcp.TcpTsInput::open;
            case SRT -> org.openstreamer.connector.ingest.srt.caller.SrtPullInput::open;
            case HLS, HLSS -> org.openstreamer.connector.ingest.hls.HlsTsInput::open;
            case RTMP -> org.openstreamer.connector.ingest.rtmp.RtmpPullInput::open;
            case FILE -> org.openstreamer.connector.ingest.file.FileTsInput::open;
            case RTSP -> u -> org.openstreamer.connector.ingest.rtsp.RtspTsInput.open(
                    org.openstreamer.connector.ingest.rtsp.RtspUrl.parse(u.url()),
                    org.openstreamer.connector.ingest.rtsp.RtspOptions.of(u.options()));
        };
    }

    /** Ends the puller within a poll interval; its session closes with "source stopped". */
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt(); // cuts a backoff sleep short
        }
    }

    /** Why the last attempt failed, while the source is not delivering; null while it is. */
    public String lastError() {
        return lastError;
    }

    public String url() {
        return url.url();
    }

    @Override
    public String protocol() {
        return url.scheme().name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String peer() {
        return url.url();
    }

    @Override
    public int port() {
        return url.scheme() == PullUrl.Scheme.UDP ? url.port() : 0;
    }

    /** The session ends (a restart); the puller connects again at once, into the stream's new hub. */
    @Override
    public void disconnect(String reason) {
        disconnectReason = reason;
    }

    @Override
    public Map<String, ?> stopStats() {
        return Map.of("url", url.url());
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        byte[] buf = new byte[CHUNK];
        try {
            while (running) {
                boolean delivered = attempt(buf);
                if (!running) {
                    break;
                }
                if (delivered) {
                    failures = 0;
                }
                long wait = backoffMillis(failures++);
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.severe("Pulled source " + url.url() + " of " + stream + " stopped: " + e);
        } finally {
            thread = null;
        }
    }

    /** The wait before attempt {@code failures + 1}: 0.5 s, 1 s, 2 s, 4 s, then 5 s. */
    static long backoffMillis(int failures) {
        return Math.min(MAX_RETRY_MILLIS, FIRST_RETRY_MILLIS << Math.min(failures, 10));
    }

    /** One connection, from opening to its end; true if it delivered frames. */
    private boolean attempt(byte[] buf) {
        IngestSession session = null;
        String reason;
        boolean broke = true;
        boolean delivered = false;
        try (TsInput input = opener.open(url)) {
            long since = System.currentTimeMillis();
            while (true) {
                if (!running) {
                    reason = "source stopped";
                    broke = false;
                    break;
                }
                String asked = disconnectReason;
                if (asked != null) {
                    disconnectReason = null;
                    reason = asked;
                    broke = session != null && session.refusal() != null;
                    break;
                }
                int n = input.read(buf, 0, buf.length);
                if (n < 0) {
                    reason = "the source ended the stream";
                    break;
                }
                if (n > 0 && session == null) {
                    session = open.apply(this);
                    if (session == null) {
                        reason = "the stream has another publisher, or is going";
                        break;
                    }
                }
                if (session == null) {
                    if (System.currentTimeMillis() - since > sourceTimeoutMillis) {
                        reason = "no data for " + sourceTimeoutMillis / 1000 + " s";
                        break;
                    }
                    continue;
                }
                if (n > 0) {
                    session.feed(buf, 0, n);
                }
                session.checkIfDue();
                long age = session.frameAgeMillis();
                if (age < 1000) {
                    delivered = true;
                    lastError = null;
                    reported = null;
                } else if (age > sourceTimeoutMillis) {
                    reason = "no frames for " + sourceTimeoutMillis / 1000 + " s";
                    break;
                }
            }
        } catch (IOException e) {
            reason = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        failed(session, reason, broke);
        return delivered;
    }

    /** Ends the attempt's session, and reports the failure unless it repeats the last one reported. */
    private void failed(IngestSession session, String reason, boolean broke) {
        if (!running) { // stopped: an interrupted read is no failure of the source
            reason = "source stopped";
            broke = false;
        }
        if (!broke) {
            if (session != null) {
                session.close(reason);
            }
            return;
        }
        lastError = reason;
        boolean report = !reason.equals(reported);
        reported = reason;
        if (session != null) {
            session.lost(reason);
        } else if (report) {
            LOG.warning("Pulled source " + url.url() + " of " + stream + ": " + reason + "; retrying");
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("protocol", protocol());
            data.put("peer", url.url());
            data.put("reason", reason);
            events.accept(MediaEvent.of(MediaEventType.SOURCE_LOST, stream, data));
        }
    }
}
