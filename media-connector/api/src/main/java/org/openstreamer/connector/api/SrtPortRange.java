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
 */
public record SrtPortRange(int first, int last, boolean publish) implements Serializable {

    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    public String mode() {
        return publish ? "publish" : "play";
    }
}
