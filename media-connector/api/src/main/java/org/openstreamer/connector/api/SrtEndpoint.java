package org.openstreamer.connector.api;

import java.io.Serializable;

/**
 * An SRT port of a stream ({@code srt}, {@code srt_publish} or {@code srt_play}) or of the server.
 * A stream's endpoint with port 0 has no port of its own: its passphrase and latency then apply
 * when the stream is reached through the server's global ports (the reference's config-backend
 * example writes {@code "srt_publish": {"passphrase": "..."}} this way).
 *
 * @param port       UDP port, 1..65535, or 0 for none of its own (stream endpoints only)
 * @param passphrase 10..79 characters, or null for an unencrypted port
 * @param latencyMs  SRT latency in milliseconds (default 120)
 * @param bindAddress IPv4 address the port listens on ({@code 0.0.0.0} for every interface), or
 *                    null for the server's SRT bind address (server endpoints only)
 */
public record SrtEndpoint(int port, String passphrase, int latencyMs, String bindAddress) implements Serializable {

    public static final int DEFAULT_LATENCY_MS = 120;

    public SrtEndpoint(int port, String passphrase, int latencyMs) {
        this(port, passphrase, latencyMs, null);
    }

    public boolean hasPort() {
        return port > 0;
    }
}
