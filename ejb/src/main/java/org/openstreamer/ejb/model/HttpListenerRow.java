package org.openstreamer.ejb.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One extra HTTP listener as stored in {@code server_http_listeners}. */
@Embeddable
public class HttpListenerRow {

    @Column(name = "address", length = 255)
    private String address;

    @Column(name = "port", nullable = false)
    private int port;

    protected HttpListenerRow() {
    }

    public HttpListenerRow(HttpListener listener) {
        this.address = listener.address();
        this.port = listener.port();
    }

    public HttpListener listener() {
        return new HttpListener(address, port);
    }
}
