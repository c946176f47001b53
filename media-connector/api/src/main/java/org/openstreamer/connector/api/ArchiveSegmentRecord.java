package org.openstreamer.connector.api;

import java.io.Serializable;

/**
 * One segment file of the DVR archive, as the engine wrote or found it: a row of the archive's
 * index. The recorder hands these to the inbound listeners in batches
 * ({@link MediaEventListener#onArchiveSegments}); the index hands them back to the
 * {@link Archive} to read or delete the file.
 *
 * @param stream         the stream recorded
 * @param startMillis    UTC start, in ms
 * @param durationMillis in ms
 * @param bytes          the file's size
 * @param root           the DVR root the file is under
 * @param path           relative to {@code ROOT/STREAM}: {@code 2026/12/05/10/00/04-04000.ts} ({@link DvrPaths})
 */
public record ArchiveSegmentRecord(String stream, long startMillis, long durationMillis, long bytes, String root,
                                   String path) implements Serializable {

    public long endMillis() {
        return startMillis + durationMillis;
    }
}
