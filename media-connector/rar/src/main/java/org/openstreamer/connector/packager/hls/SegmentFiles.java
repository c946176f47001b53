package org.openstreamer.connector.packager.hls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Where closed segments are kept: in files on a memory file system when there is one with room
 * (HTTP then sends them with {@code sendfile}, which is what lets a Java server keep up with
 * nginx on segments), else in the heap blocks they were cut from. The directory is the system
 * property {@code openstreamer.segment-dir}, {@code /dev/shm} by default; an empty value keeps
 * segments in the heap. A full or failing file system falls back to the heap, segment by segment.
 */
public final class SegmentFiles {

    private static final Logger LOG = Logger.getLogger(SegmentFiles.class.getName());
    /** Left free on the file system for everything else that uses it. */
    private static final long RESERVE_BYTES = 256L << 20;
    private static final long WARN_EVERY_MILLIS = 600_000;

    public static final SegmentFiles DEFAULT = of(System.getProperty("openstreamer.segment-dir", "/dev/shm"));
    public static final SegmentFiles HEAP = new SegmentFiles(null, null);

    private final Path dir;
    private final FileStore store;
    private volatile long nextWarning;

    private SegmentFiles(Path dir, FileStore store) {
        this.dir = dir;
        this.store = store;
    }

    /** Segments in files under {@code dir}, or in the heap when it is empty or not a writable directory. */
    public static SegmentFiles of(String dir) {
        if (dir == null || dir.isBlank()) {
            return HEAP;
        }
        Path path = Path.of(dir);
        try {
            if (Files.isDirectory(path) && Files.isWritable(path)) {
                return new SegmentFiles(path, Files.getFileStore(path));
            }
            LOG.info("segments stay in the heap: " + dir + " is not a writable directory");
        } catch (IOException e) {
            LOG.info("segments stay in the heap: " + dir + ": " + e);
        }
        return HEAP;
    }

    /** The segment's bytes in a new memory file, or null to keep it in the heap. */
    SegmentFile write(ByteBuffer[] parts, long size) {
        if (dir == null) {
            return null;
        }
        try {
            if (store.getUsableSpace() < size + RESERVE_BYTES) {
                warn("less than " + (RESERVE_BYTES >> 20) + " MiB free in " + dir);
                return null;
            }
            return SegmentFile.write(dir, parts);
        } catch (IOException | RuntimeException e) {
            warn("cannot write into " + dir + ": " + e);
            return null;
        }
    }

    private void warn(String why) {
        long now = System.currentTimeMillis();
        if (now >= nextWarning) {
            nextWarning = now + WARN_EVERY_MILLIS;
            LOG.warning("live segments kept in the heap for now: " + why);
        }
    }
}
