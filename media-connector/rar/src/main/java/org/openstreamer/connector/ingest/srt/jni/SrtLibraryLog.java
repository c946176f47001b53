package org.openstreamer.connector.ingest.srt.jni;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What libsrt logs, turned into {@link SrtHandshakeRejection}s and rate-limited log records.
 *
 * <p>libsrt tells a listening application nothing when it rejects a caller after the listen
 * callback accepted it: the half-made socket is closed inside the library, never reaches
 * {@code srt_accept}, raises no epoll event, and {@code srt_getrejectreason} on it reads 0 once it
 * is gone ({@code srt_connect_callback} is for callers only). The one trace is a warning libsrt
 * logs for every such rejection, {@code @<socket>:newConnection: connection rejected due to:
 * INTERNAL REJECTION - ERROR:BADSECRET} (1.5.1, unchanged through 1.5.4). It names the socket the
 * callback saw, so the peer address and stream id the callback recorded give the full story.
 *
 * <p>Lines arrive on whichever libsrt thread logged, holding libsrt's logger lock: this class only
 * matches, looks up and hands the work to the executor. It never calls into libsrt.
 */
final class SrtLibraryLog {

    static final Logger LIBSRT = Logger.getLogger("org.openstreamer.connector.ingest.srt.libsrt");
    static final int MAX_PENDING = 1024;

    private static final Pattern REJECTED =
            Pattern.compile("@(\\d{1,10}):newConnection: connection rejected due to: .* - ERROR:(\\S+)");
    /** Handshake functions whose warnings a rejection report already sums up. */
    private static final Set<String> HANDSHAKE_AREAS = Set.of(
            "newConnection", "processConnectRequest", "interpretSrtHandshake", "processSrtMsg_KMREQ");

    /** What the listen callback saw of a handshake it let through. */
    record Pending(int listener, int localPort, String peerHost, int peerPort, String streamId) {
    }

    private final Map<Integer, Pending> pending = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Pending> eldest) {
            return size() > MAX_PENDING;
        }
    };
    private final LogRateLimiter rejectionLimit;
    private final LogRateLimiter lineLimit;
    private final AtomicLong dropped = new AtomicLong();
    private volatile SrtRejectListener listener;
    private volatile Executor executor;

    SrtLibraryLog(LogRateLimiter rejectionLimit, LogRateLimiter lineLimit) {
        this.rejectionLimit = rejectionLimit;
        this.lineLimit = lineLimit;
    }

    void configure(SrtRejectListener listener, Executor executor) {
        this.executor = executor;
        this.listener = listener;
    }

    /** The callback accepted this handshake: remember it until accept or a rejection line. */
    void expect(int socket, Pending p) {
        synchronized (pending) {
            pending.put(socket, p);
        }
    }

    void forget(int socket) {
        synchronized (pending) {
            pending.remove(socket);
        }
    }

    int pendingCount() {
        synchronized (pending) {
            return pending.size();
        }
    }

    /** Reports that could not be handed to the executor. */
    long dropped() {
        return dropped.get();
    }

    void onLine(int level, String area, String message) {
        String text = message.startsWith(": ") ? message.substring(2) : message;
        Matcher m = REJECTED.matcher(text);
        if (m.find() && reportRejection(m)) {
            return;
        }
        Level julLevel = isRoutine(area, text) ? Level.FINE : julLevel(level);
        if (!LIBSRT.isLoggable(julLevel)) {
            return;
        }
        int skipped = lineLimit.tryAcquire();
        if (skipped == LogRateLimiter.REFUSED) {
            return;
        }
        String line = "libsrt " + area + ": " + text + (skipped > 0 ? " (" + skipped + " lines not logged)" : "");
        submit(() -> LIBSRT.log(julLevel, line));
    }

    private boolean reportRejection(Matcher m) {
        long socket = Long.parseLong(m.group(1));
        Pending p;
        synchronized (pending) {
            p = socket > Integer.MAX_VALUE ? null : pending.remove((int) socket);
        }
        SrtRejectListener l = listener;
        if (p == null || l == null) {
            return false;   // rejected by the callback itself (the server knows), or never seen
        }
        int skipped = rejectionLimit.tryAcquire();
        if (skipped != LogRateLimiter.REFUSED) {
            int reason = SrtRejectReason.parseName(m.group(2));
            SrtHandshakeRejection r = new SrtHandshakeRejection(p.listener(), (int) socket, p.localPort(),
                    p.peerHost(), p.peerPort(), p.streamId(), reason < 0 ? SrtRejectReason.UNKNOWN : reason, skipped);
            submit(() -> l.onRejected(r));
        }
        return true;
    }

    private void submit(Runnable task) {
        Executor e = executor;
        if (e == null) {
            dropped.incrementAndGet();
            return;
        }
        try {
            e.execute(task);
        } catch (RejectedExecutionException ex) {
            dropped.incrementAndGet();
        }
    }

    /**
     * Lines libsrt logs as warnings or errors that a server sees in normal work: the details of a
     * handshake rejection (reported as one {@link SrtHandshakeRejection}), and the error libsrt logs
     * for a non-blocking accept with nobody waiting.
     */
    static boolean isRoutine(String area, String text) {
        return HANDSHAKE_AREAS.contains(area) || text.contains("no pending connection available");
    }

    /** syslog severities, as libsrt uses them, to java.util.logging levels. */
    static Level julLevel(int syslogLevel) {
        if (syslogLevel <= 3) {
            return Level.SEVERE;
        }
        return switch (syslogLevel) {
            case 4 -> Level.WARNING;
            case 5 -> Level.INFO;
            default -> Level.FINE;
        };
    }
}
