package org.openstreamer.ejb.model;

/**
 * Re-publishing a stream to another server ({@code pushes[]} in the API).
 *
 * @param url          where to ({@code rtmp://}, {@code srt://}, {@code udp://}, ...); {@code %s} is the stream name
 * @param retryTimeout seconds between attempts while the destination is unreachable (default 5)
 * @param retryLimit   attempts in a row before the push gives up with status {@code error}; null retries forever
 * @param disabled     kept but not running
 * @param timeout      seconds the push keeps running after the stream's source stopped; null: until the stream stops
 * @param tlsVerify    over TLS: check the destination's certificate ({@code tls_verify}, default true)
 */
public record Push(String url, int retryTimeout, Integer retryLimit, boolean disabled, Integer timeout, boolean tlsVerify) {

    public static final int DEFAULT_RETRY_TIMEOUT = 5;

    /** A push that checks certificates (the default). */
    public Push(String url, int retryTimeout, Integer retryLimit, boolean disabled, Integer timeout) {
        this(url, retryTimeout, retryLimit, disabled, timeout, true);
    }
}
