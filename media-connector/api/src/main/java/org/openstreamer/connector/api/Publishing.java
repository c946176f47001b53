package org.openstreamer.connector.api;

/**
 * The answer to {@link MediaEngine#openPublisher}: a sink to feed, or why the publisher is refused.
 *
 * @param sink    where the publisher's bytes go, or null when refused
 * @param status  an HTTP status for a refusal (400, 403, 404, 409, 503), 0 when accepted
 * @param error   a short code for a refusal ({@code stream_not_found}, {@code publish_forbidden},
 *                {@code wrong_password}, {@code already_publishing}), null when accepted
 * @param message a sentence for the publisher's operator, null when accepted
 */
public record Publishing(PublishSink sink, int status, String error, String message) {

    public static Publishing accepted(PublishSink sink) {
        return new Publishing(sink, 0, null, null);
    }

    public static Publishing refused(int status, String error, String message) {
        return new Publishing(null, status, error, message);
    }

    public boolean isAccepted() {
        return sink != null;
    }
}
