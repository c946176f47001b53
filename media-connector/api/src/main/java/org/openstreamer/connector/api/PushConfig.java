package org.openstreamer.connector.api;

import java.io.Serializable;

/**
 * One push of a stream: the engine copies the stream's live MPEG-TS to {@code url} as long as the
 * stream has frames.
 *
 * @param url          the destination; {@code %s} already replaced for streams of a publish location or template
 * @param retryTimeout seconds between attempts while the destination cannot be reached
 * @param retryLimit   failed attempts in a row after which the push stops with status {@code error}; 0 retries forever
 * @param disabled     kept in the configuration, sends nothing
 * @param timeout      seconds after the source stops before the push disconnects; 0 keeps it until the stream stops
 * @param tlsVerify    over TLS ({@code rtmps://}, {@code hlss://}): check the destination's certificate (trust store
 *                     and host name); false takes any certificate, still encrypted
 */
public record PushConfig(String url, int retryTimeout, int retryLimit, boolean disabled, int timeout, boolean tlsVerify)
        implements Serializable {

    /** A push that checks certificates (the default). */
    public PushConfig(String url, int retryTimeout, int retryLimit, boolean disabled, int timeout) {
        this(url, retryTimeout, retryLimit, disabled, timeout, true);
    }

    public static final int DEFAULT_RETRY_TIMEOUT = 5;

    /** The same push for a stream made from a publish location or template: {@code %s} becomes {@code rest}. */
    public PushConfig forName(String rest) {
        return url.contains("%s") ? new PushConfig(url.replace("%s", rest), retryTimeout, retryLimit, disabled, timeout, tlsVerify) : this;
    }
}
