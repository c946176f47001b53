package org.openstreamer.connector.api;

import java.io.Serializable;

/**
 * An SRT port of a stream ({@code srt}, {@code srt_publish} or {@code srt_play}) or of the server.
 *
 * @param port       UDP port, 1..65535
 * @param passphrase 10..79 characters, or null for an unencrypted port
 * @param latencyMs  SRT latency in milliseconds (default 120)
 */
public record SrtEndpoint(int port, String passphrase, int latencyMs) implements Serializable {

    public static final int DEFAULT_LATENCY_MS = 120;
}
