package org.openstreamer.ejb.events;

import java.time.Instant;

/**
 * One HTTP playback session as the web module's session table knows it, for the {@code sessions}
 * table: when it opened, and (once it closed) when, why and how many bytes it was sent.
 *
 * @param closedAt null while the session is open
 */
public record PlaySessionRecord(String sessionId, String stream, String ip, String type, String token, String userId,
                                String referer, String userAgent, Instant createdAt, Instant closedAt, String reason,
                                long bytesSent) {
}
