package org.openstreamer.ejb.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One push of a stream as stored in {@code stream_pushes}; its position is the list index. */
@Embeddable
public class StreamPush {

    @Column(name = "url", nullable = false, length = 2048)
    private String url;

    @Column(name = "retry_timeout", nullable = false)
    private int retryTimeout;

    @Column(name = "retry_limit")
    private Integer retryLimit;

    @Column(name = "disabled", nullable = false)
    private boolean disabled;

    @Column(name = "timeout")
    private Integer timeout;

    @Column(name = "tls_verify", nullable = false)
    private boolean tlsVerify = true;

    protected StreamPush() {
    }

    public StreamPush(Push push) {
        this.url = push.url();
        this.retryTimeout = push.retryTimeout();
        this.retryLimit = push.retryLimit();
        this.disabled = push.disabled();
        this.timeout = push.timeout();
        this.tlsVerify = push.tlsVerify();
    }

    public Push definition() {
        return new Push(url, retryTimeout, retryLimit, disabled, timeout, tlsVerify);
    }
}
