package org.openstreamer.ejb.dvr;

import org.openstreamer.connector.api.Archive;

import java.io.IOException;

/**
 * How full the disk under a DVR root is, in percent. With the system property
 * {@code openstreamer.dvr.disk-capacity} (bytes) the disk is simulated instead: its usage is the
 * archive the index holds under that root over that capacity. Tests and trials of retention use
 * it; production leaves it unset.
 */
final class DiskUsage {

    static final String CAPACITY_PROPERTY = "openstreamer.dvr.disk-capacity";

    private DiskUsage() {
    }

    /**
     * @param archive      the archive's owner, which knows the real disk
     * @param indexedBytes what the index holds under {@code root}, for the simulated disk
     */
    static double percent(Archive archive, String root, long indexedBytes) throws IOException {
        Long capacity = Long.getLong(CAPACITY_PROPERTY);
        if (capacity != null && capacity > 0) {
            return 100.0 * indexedBytes / capacity;
        }
        return archive.disk(root).usedPercent();
    }
}
