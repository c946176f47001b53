package org.openstreamer.connector.dvr;

import org.openstreamer.connector.api.ArchiveSegmentRecord;
import org.openstreamer.connector.api.DvrSettings;
import org.openstreamer.connector.api.DvrStatus;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.MediaEventType;
import org.openstreamer.connector.packager.hls.Segment;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Records the closed live segments of recording streams, off the ingest threads: ingest only
 * queues the segment (which keeps its packets alive), one writer thread hands each to the
 * {@link DvrArchive}, which owns the files. What was written goes to the EJB layer's index as
 * typed records ({@link ArchiveSegmentRecord}), one batch per second whatever the number of streams.
 * A failing stream (disk full, folder not writable) is reported once when it starts failing and
 * once when it writes again; live playback never waits for the disk.
 */
public final class DvrRecorder {

    private static final Logger LOG = Logger.getLogger(DvrRecorder.class.getName());
    private static final long FLUSH_MILLIS = 1000;
    private static final int FLUSH_ROWS = 500;

    private record Job(String stream, String root, Segment segment) {
    }

    /** Counters and failure state of one stream; written by the writer thread only. */
    private static final class Counters {
        volatile long segments;
        volatile long bytes;
        volatile long failed;
        volatile long failedInWindow;
        volatile String error;
    }

    private final BlockingQueue<Job> queue;
    private final DvrArchive archive;
    private final Consumer<MediaEvent> events;
    private final Consumer<List<ArchiveSegmentRecord>> index;
    private final Map<String, Counters> counters = new ConcurrentHashMap<>();
    private final List<ArchiveSegmentRecord> rows = new ArrayList<>();
    private long lastFlush = System.currentTimeMillis();
    private volatile boolean running = true;

    /**
     * @param events failures and recoveries of writing
     * @param index  batches of what was written, for the archive's index
     */
    public DvrRecorder(DvrArchive archive, Consumer<MediaEvent> events, Consumer<List<ArchiveSegmentRecord>> index,
                       int capacity) {
        this.archive = archive;
        this.events = events;
        this.index = index;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /**
     * Queues {@code segment} when {@code dvr} records at its start; called on the ingest thread,
     * never blocks. A full queue (the disk far slower than the streams) counts as a failed write.
     */
    public void offer(String stream, DvrSettings dvr, Segment segment) {
        if (dvr == null || !dvr.recordsAt((int) Math.floorMod(segment.startMillis() / 60_000, 1440L))) {
            return;
        }
        if (!segment.hold()) {
            return; // the stream was closed meanwhile
        }
        if (!queue.offer(new Job(stream, dvr.root(), segment))) {
            segment.release();
            Counters c = counters(stream);
            c.failed++;
            c.failedInWindow++;
        }
    }

    public DvrStatus status(String stream, DvrSettings dvr) {
        Counters c = counters.get(stream);
        boolean recording = dvr != null && dvr.recordsAt((int) Math.floorMod(System.currentTimeMillis() / 60_000, 1440L));
        return c == null ? new DvrStatus(recording, null, 0, 0, 0)
                : new DvrStatus(recording, c.error, c.segments, c.bytes, c.failed);
    }

    /** The writer loop: runs until {@link #stop}, then writes what is queued and flushes. */
    public void run() {
        while (running || !queue.isEmpty()) {
            try {
                Job job = queue.poll(200, TimeUnit.MILLISECONDS);
                if (job != null) {
                    try {
                        write(job);
                    } finally {
                        job.segment().release();
                    }
                }
                if (rows.size() >= FLUSH_ROWS || (!rows.isEmpty() && System.currentTimeMillis() - lastFlush >= FLUSH_MILLIS)) {
                    flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.warning("DVR recorder: " + e); // one bad job never stops the writer
            }
        }
        flush();
    }

    public void stop() {
        running = false;
    }

    private Counters counters(String stream) {
        return counters.computeIfAbsent(stream, s -> new Counters());
    }

    private void write(Job job) {
        Segment s = job.segment();
        Counters c = counters(job.stream());
        ArchiveSegmentRecord row;
        try {
            row = archive.write(job.root(), job.stream(), s);
        } catch (IOException | RuntimeException e) {
            failed(job.stream(), c, DvrArchive.fileOf(job.root(), job.stream(), s.startMillis(), s.durationMillis()), e);
            return;
        }
        c.segments++;
        c.bytes += s.size();
        rows.add(row);
        if (c.error != null) {
            LOG.info("DVR of " + job.stream() + " writes again after " + c.failedInWindow + " lost segments");
            events.accept(MediaEvent.of(MediaEventType.DVR_WRITE_RESUMED, job.stream(),
                    Map.of("lost", c.failedInWindow)));
            c.error = null;
            c.failedInWindow = 0;
        }
    }

    private void failed(String stream, Counters c, Path file, Exception e) {
        c.failed++;
        c.failedInWindow++;
        String reason = e instanceof FileAlreadyExistsException ? "a file is in the way: " + e.getMessage()
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (c.error == null) { // one line and one event per failure window, not one per segment
            LOG.warning("DVR of " + stream + " cannot write " + file + ": " + reason
                    + "; live playback goes on, recording resumes by itself");
            events.accept(MediaEvent.of(MediaEventType.DVR_WRITE_FAILED, stream,
                    Map.of("reason", reason, "path", file.toString())));
        }
        c.error = reason;
    }

    private void flush() {
        lastFlush = System.currentTimeMillis();
        if (rows.isEmpty()) {
            return;
        }
        index.accept(List.copyOf(rows));
        rows.clear();
    }
}
