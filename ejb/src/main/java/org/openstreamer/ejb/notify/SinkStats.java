package org.openstreamer.ejb.notify;

/**
 * What a sink has done since it was (re)configured: events waiting, events dropped because the
 * queue was full (oldest first), events delivered, failed delivery attempts and the last failure.
 */
public record SinkStats(int queued, long dropped, long sent, long failedAttempts, String lastError) {
}
