package org.openstreamer.ejb.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import org.openstreamer.connector.api.SrtEndpoint;

/**
 * One global SRT port as stored in {@code server_srt_endpoints}: a stream's endpoint
 * ({@link SrtSettings}) plus the address the port listens on, which only the server's ports have.
 */
@Embeddable
public class ServerSrtSettings {

    @Column(name = "port")
    private Integer port;

    @Column(name = "passphrase", length = 79)
    private String passphrase;

    @Column(name = "latency", nullable = false)
    private int latency;

    @Column(name = "bind_address", length = 15)
    private String bindAddress;

    protected ServerSrtSettings() {
    }

    public ServerSrtSettings(SrtEndpoint endpoint) {
        this.port = endpoint.hasPort() ? endpoint.port() : null;
        this.passphrase = endpoint.passphrase();
        this.latency = endpoint.latencyMs();
        this.bindAddress = endpoint.bindAddress();
    }

    public SrtEndpoint endpoint() {
        return new SrtEndpoint(port == null ? 0 : port, passphrase, latency, bindAddress);
    }
}
