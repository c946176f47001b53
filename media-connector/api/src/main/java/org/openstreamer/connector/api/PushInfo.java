package org.openstreamer.connector.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * What became of one push, as {@link MediaEngine#pushes} reports it.
 *
 * @param url         the destination
 * @param status      {@code waiting} (no frames to send yet), {@code running}, {@code retrying}
 *                    (the last attempt failed; the next comes after {@code retry_timeout}),
 *                    {@code error} (stopped: {@code retry_limit} reached, or a destination the
 *                    engine cannot send to) or {@code disabled}
 * @param bytes       bytes sent since the stream's push started, over all its connections
 * @param failures    failed attempts in a row
 * @param error       the reason of the last failure, or null
 * @param errorAt     when it happened, or null
 * @param connectedAt since when the current connection sends, or null
 */
public record PushInfo(String url, String status, long bytes, int failures, String error, Instant errorAt,
                       Instant connectedAt) implements Serializable {
}
