package org.openstreamer.ejb.dvr;

import org.openstreamer.connector.api.ArchiveSegmentRecord;

/**
 * One archived segment as the index knows it.
 *
 * @param seq  increases by one per segment of the stream (HLS media sequence numbers)
 * @param root the DVR root the file is under
 * @param path relative to {@code ROOT/STREAM}: {@code 2026/12/05/10/00/04-04000.ts}
 */
public record ArchiveSegment(String stream, long startMillis, long durationMillis, long bytes, long seq,
                             String root, String path) {

    public long endMillis() {
        return startMillis + durationMillis;
    }

    /** The segment as the archive's owner names it, to read or delete its file. */
    public ArchiveSegmentRecord record() {
        return new ArchiveSegmentRecord(stream, startMillis, durationMillis, bytes, root, path);
    }
}
