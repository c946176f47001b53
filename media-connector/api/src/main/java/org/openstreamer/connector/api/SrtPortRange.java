package org.openstreamer.connector.api;

import java.io.Serializable;

/**
 * A range of SRT ports whose streams the configuration backend names ({@code listeners.srt} in
 * the server config): a caller on a port of the range is admitted once
 * {@code GET <config_external>srt_port_resolve/PORT?mode=...} has told which stream the port
 * belongs to.
 *
 * @param first   first port, 1..65535
 * @param last    last port, {@code first}..65535
 * @param publish true for a publish range, false for a play range
 * @param bindAddress IPv4 address its ports listen on ({@code 0.0.0.0} for every interface), or
 *                    null for the server's SRT bind address
 */
public record SrtPortRange(int first, int last, boolean publish, String bindAddress) implements Serializable {

    public SrtPortRange(int first, int last, boolean publish) {
        this(first, last, publish, null);
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    public String mode() {
        return publish ? "publish" : "play";
    }
}
