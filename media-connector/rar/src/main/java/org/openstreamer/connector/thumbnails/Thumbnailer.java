package org.openstreamer.connector.thumbnails;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * The one thread that makes every stream's thumbnails, fed by a short queue: decoding and
 * encoding a picture takes milliseconds of CPU, so it never runs on an ingest thread, and when
 * the queue is full a segment simply gets no thumbnail (the stream keeps its previous one).
 * Nothing is decoded until the FFmpeg natives have loaded.
 */
public final class Thumbnailer {

    private static final Logger LOG = Logger.getLogger(Thumbnailer.class.getName());
    private static final int QUEUE = 32;

    private final BlockingQueue<Runnable> jobs = new ArrayBlockingQueue<>(QUEUE);
    private final BooleanSupplier ffmpegLoaded;
    private volatile boolean running = true;
    private volatile boolean toldUnavailable;

    /** @param ffmpegLoaded whether the FFmpeg natives are loaded (they load once, off the deployment thread) */
    public Thumbnailer(BooleanSupplier ffmpegLoaded) {
        this.ffmpegLoaded = ffmpegLoaded;
    }

    /** Queues {@code job}; false (and nothing queued) when the queue is full, FFmpeg is not there, or stopped. */
    boolean offer(Runnable job) {
        if (!running) {
            return false;
        }
        if (!ffmpegLoaded.getAsBoolean()) {
            if (!toldUnavailable) {
                toldUnavailable = true;
                LOG.warning("Thumbnails are not made: the FFmpeg libraries are not loaded");
            }
            return false;
        }
        return jobs.offer(job);
    }

    /** The thumbnail thread's loop, until {@link #stop}. */
    public void run() {
        while (running) {
            try {
                Runnable job = jobs.poll(1, TimeUnit.SECONDS);
                if (job != null) {
                    job.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | LinkageError e) { // a job reports its own errors; this is a last guard
                LOG.warning("thumbnail job failed: " + e);
            }
        }
    }

    public void stop() {
        running = false;
        jobs.clear();
    }
}
