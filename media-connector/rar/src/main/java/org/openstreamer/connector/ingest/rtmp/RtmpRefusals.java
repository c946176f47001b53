package org.openstreamer.connector.ingest.rtmp;

import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.MediaEventType;
import org.openstreamer.connector.ingest.srt.jni.LogRateLimiter;

import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Reports refused publishers and broken peers: a log line with the peer's address and a
 * {@code connection_rejected} event, at a bounded rate, so that a scanner or a looping encoder
 * cannot flood the log or the event queue.
 */
final class RtmpRefusals {

    private static final Logger LOG = Logger.getLogger(RtmpRefusals.class.getName());
    private final LogRateLimiter limiter = new LogRateLimiter(20, 5, System::nanoTime);
    private final Consumer<MediaEvent> events;

    RtmpRefusals(Consumer<MediaEvent> events) {
        this.events = events;
    }

    /** A publisher refused by admission, with an HTTP-like status. */
    void refused(String peer, int port, int status, String reason) {
        report("refused (" + status + ")", peer, port, status, reason);
    }

    /** A peer disconnected for breaking the protocol or a limit. */
    void protocolError(String peer, int port, String reason) {
        report("disconnected", peer, port, 400, reason);
    }

    private void report(String what, String peer, int port, int status, String reason) {
        int skipped = limiter.tryAcquire();
        if (skipped == LogRateLimiter.REFUSED) {
            return;
        }
        LOG.warning("RTMP peer " + peer + " on port " + port + " " + what + ": " + reason
                + (skipped > 0 ? " [" + skipped + " more not logged]" : ""));
        events.accept(MediaEvent.of(MediaEventType.CONNECTION_REJECTED, null, Map.of(
                "protocol", "rtmp", "peer", peer, "port", port, "code", status, "reason", reason)));
    }
}
