package org.openstreamer.connector.api;

import java.io.Serializable;

/** The size of the disk holding a DVR root and what is still free on it, in bytes. */
public record DiskSpace(long totalBytes, long usableBytes) implements Serializable {

    /** How full the disk is, in percent (0 for a disk of unknown size). */
    public double usedPercent() {
        return totalBytes <= 0 ? 0 : 100.0 * (totalBytes - usableBytes) / totalBytes;
    }
}
