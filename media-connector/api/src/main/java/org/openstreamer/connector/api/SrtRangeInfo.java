package org.openstreamer.connector.api;

import java.io.Serializable;
import java.util.List;

/**
 * The SRT port ranges as the engine serves them.
 *
 * @param watching  ports of the ranges waiting for a caller (no libsrt listener yet)
 * @param bindings  ports handed to a stream after the configuration backend named it
 * @param admission time from a caller's first handshake packet on a range port to its connection
 *                  being accepted (microseconds), including the backend lookup
 */
public record SrtRangeInfo(int watching, List<SrtBinding> bindings, DelayStats admission) implements Serializable {

    public static final SrtRangeInfo NONE = new SrtRangeInfo(0, List.of(), new DelayStats(0, 0, 0, 0));

    public SrtRangeInfo {
        bindings = bindings == null ? List.of() : List.copyOf(bindings);
    }
}
