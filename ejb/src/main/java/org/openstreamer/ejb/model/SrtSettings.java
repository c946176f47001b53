package org.openstreamer.ejb.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import org.openstreamer.connector.api.SrtEndpoint;

/**
 * One SRT endpoint of a stream as stored: a row of {@code stream_srt_endpoints}
 * (the kind is the map key of its owner). A null port means the endpoint has no port of its own.
 */
@Embeddable
public class SrtSettings {

    @Column(name = "port")
    private Integer port;

    @Column(name = "passphrase", length = 79)
    private String passphrase;

    @Column(name = "latency", nullable = false)
    private int latency;

    protected SrtSettings() {
    }

    public SrtSettings(SrtEndpoint endpoint) {
        this.port = endpoint.hasPort() ? endpoint.port() : null;
        this.passphrase = endpoint.passphrase();
        this.latency = endpoint.latencyMs();
    }

    public SrtEndpoint endpoint() {
        return new SrtEndpoint(port == null ? 0 : port, passphrase, latency);
    }
}
