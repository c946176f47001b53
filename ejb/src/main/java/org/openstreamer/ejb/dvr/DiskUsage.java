package org.openstreamer.ejb.dvr;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

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

    /** @param indexedBytes what the index holds under {@code root}, for the simulated disk */
    static double percent(String root, long indexedBytes) throws IOException {
        Long capacity = Long.getLong(CAPACITY_PROPERTY);
        if (capacity != null && capacity > 0) {
            return 100.0 * indexedBytes / capacity;
        }
        Path p = Path.of(root);
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return 0;
        }
        FileStore store = Files.getFileStore(p);
        long total = store.getTotalSpace();
        return total <= 0 ? 0 : 100.0 * (total - store.getUsableSpace()) / total;
    }
}
