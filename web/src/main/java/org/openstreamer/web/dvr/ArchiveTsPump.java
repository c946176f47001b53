package org.openstreamer.web.dvr;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.servlet.AsyncContext;
import org.openstreamer.connector.api.Archive;
import org.openstreamer.ejb.dvr.ArchiveSegment;
import org.openstreamer.ejb.dvr.DvrService;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * Sends a stream's archive as one MPEG-TS from an instant on, at the pace it was recorded: a
 * segment goes out when the viewer's clock reaches it, a few seconds ahead, so players buffer but
 * never race through the archive. Gaps are skipped (the content goes on where the archive goes
 * on); the end of the archive is waited for, as it grows with live, until nothing new comes for a
 * minute. Each step writes at most one segment on a scheduler thread, then schedules the next:
 * no thread sleeps per viewer.
 */
final class ArchiveTsPump implements Runnable {

    private static final long LEAD_MS = 3000;
    private static final long POLL_MS = 1000;
    private static final int IDLE_POLLS = 60;
    private static final int BATCH = 8;

    private final AsyncContext async;
    private final ManagedScheduledExecutorService scheduler;
    private final DvrService dvr;
    /** Taken once per viewer: it needs no engine handle per segment. */
    private final Archive archive;
    private final String stream;
    private final Deque<ArchiveSegment> queue = new ArrayDeque<>();
    private final long startedAt = System.currentTimeMillis();
    private long cursor;
    private long contentMillis;
    private int idle;

    ArchiveTsPump(AsyncContext async, ManagedScheduledExecutorService scheduler, DvrService dvr, Archive archive,
                  String stream, long fromMillis) {
        this.async = async;
        this.scheduler = scheduler;
        this.dvr = dvr;
        this.archive = archive;
        this.stream = stream;
        this.cursor = fromMillis;
    }

    void start() {
        scheduler.execute(this);
    }

    @Override
    public void run() {
        try {
            if (queue.isEmpty()) {
                // Segments that started after the cursor; the first request also takes the one playing at FROM.
                queue.addAll(contentMillis == 0 ? dvr.segments(stream, cursor, cursor + 1) : java.util.List.of());
                if (queue.isEmpty()) {
                    queue.addAll(dvr.after(stream, cursor, BATCH));
                }
                if (queue.isEmpty()) {
                    if (++idle > IDLE_POLLS) {
                        async.complete();
                    } else {
                        scheduler.schedule(this, POLL_MS, TimeUnit.MILLISECONDS);
                    }
                    return;
                }
                idle = 0;
            }
            long due = startedAt + contentMillis - LEAD_MS;
            long now = System.currentTimeMillis();
            if (now < due) {
                scheduler.schedule(this, due - now, TimeUnit.MILLISECONDS);
                return;
            }
            ArchiveSegment s = queue.poll();
            cursor = s.startMillis() + 1;
            OutputStream out = async.getResponse().getOutputStream();
            if (ArchiveBytes.copy(archive, s, out)) { // false: retention took it, go on with the next one
                out.flush();
                contentMillis += s.durationMillis();
            }
            scheduler.execute(this);
        } catch (IOException | RuntimeException e) {
            async.complete(); // the viewer left, or the index is unavailable
        }
    }
}
