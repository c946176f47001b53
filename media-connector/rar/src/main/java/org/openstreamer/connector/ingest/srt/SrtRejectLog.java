package org.openstreamer.connector.ingest.srt;

import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.MediaEventType;
import org.openstreamer.connector.ingest.srt.jni.LogRateLimiter;
import org.openstreamer.connector.ingest.srt.jni.SrtHandshakeRejection;
import org.openstreamer.connector.ingest.srt.jni.SrtRejectReason;

import java.util.Map;
import java.util.logging.Logger;

/**
 * One log line and one {@code connection_rejected} event per refused caller, with its address,
 * the port and the cause, but rate-limited: a flood of bad callers costs a few lines a second,
 * never the log or the event store.
 */
final class SrtRejectLog {

    private static final Logger LOG = Logger.getLogger(SrtRejectLog.class.getName());

    private final LogRateLimiter limiter = new LogRateLimiter(20, 5, System::nanoTime);

    /** Refused by our own admission (in the listen callback). */
    void refused(String peer, int port, SrtAdmission.Reject reject, SrtServer.Host host) {
        report(peer, port, reject.code(), reject.reason(), host);
    }

    /** Refused by libsrt after admission (wrong or missing passphrase, encryption mismatch). */
    void handshakeRejected(SrtHandshakeRejection r, SrtServer.Host host) {
        String reason = SrtRejectReason.describe(r.reason())
                + (r.suppressedBefore() > 0 ? " (" + r.suppressedBefore() + " earlier ones not reported)" : "");
        report(r.peerHost() + ":" + r.peerPort(), r.localPort(), r.reason(), reason, host);
    }

    private void report(String peer, int port, int code, String reason, SrtServer.Host host) {
        int skipped = limiter.tryAcquire();
        if (skipped == LogRateLimiter.REFUSED) {
            return;
        }
        LOG.warning("SRT caller " + peer + " on port " + port + " refused (" + code + "): " + reason
                + (skipped > 0 ? " [" + skipped + " more refusals not logged]" : ""));
        host.publish(MediaEvent.of(MediaEventType.CONNECTION_REJECTED, null, Map.of(
                "protocol", "srt", "peer", peer, "port", port, "code", code, "reason", reason)));
    }
}
