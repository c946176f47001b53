package org.openstreamer.connector.ingest.backup;

import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.MediaEventType;
import org.openstreamer.connector.demux.mp4.Mp4Movie;
import org.openstreamer.connector.ingest.file.Mp4TsRemuxer;
import org.openstreamer.connector.ingest.Source;
import org.openstreamer.connector.ingest.failover.StreamFeed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * A stream's {@code backup}: an MPEG-TS or MP4 file played in a loop, in real time, while none of the
 * stream's inputs brings frames. It runs on a thread of its own from {@link #play} until an input
 * or a publisher takes the stream's {@link StreamFeed} (or {@link #stop}); each pass of the file
 * starts a new timeline, so the HLS playlist marks a discontinuity instead of seeing time run back.
 *
 * <p>The pace is the file's own: bytes over the span of its PCRs. The file is read into memory
 * once per play (a backup is a short clip; larger than {@link #MAX_BYTES} is refused); an MP4 file
 * is remuxed to MPEG-TS then ({@link Mp4TsRemuxer}), so both kinds play the same way.
 */
public final class BackupFilePlayer implements Source {

    private static final Logger LOG = Logger.getLogger(BackupFilePlayer.class.getName());
    public static final long MAX_BYTES = 64L << 20;
    /** An MP4 backup becomes MPEG-TS in memory: its headers add a few percent, never this much. */
    private static final long MAX_TS_FROM_MP4 = 2 * MAX_BYTES;
    private static final int TS = 188;
    private static final int CHUNK = 7 * TS;
    private static final long TICK_MILLIS = 20;

    private final String stream;
    private final Path file;
    private final String configured;
    private final StreamFeed feed;
    private final Consumer<MediaEvent> events;
    private volatile boolean running;
    private volatile Thread thread;
    private volatile String lastError;

    /**
     * @param configured the path as the configuration gives it (for events)
     * @param file       where it is on disk
     */
    public BackupFilePlayer(String stream, String configured, Path file, StreamFeed feed, Consumer<MediaEvent> events) {
        this.stream = stream;
        this.configured = configured;
        this.file = file;
        this.feed = feed;
        this.events = events;
    }

    /** Starts playing on a new thread unless it plays already; {@code why}: the reason in the event. */
    public synchronized void play(String why) {
        if (thread != null) {
            return;
        }
        running = true;
        Thread t = new Thread(() -> run(why), "openstreamer-backup-" + stream);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Stops playing; its session, if it still holds the feed, closes. */
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    public boolean playing() {
        return thread != null;
    }

    /** Why the file cannot be played, or null. */
    public String lastError() {
        return lastError;
    }

    private void run(String why) {
        try {
            byte[] data = load();
            long rate = bytesPerSecond(data);
            if (!feed.take(this, this, true, "backup file " + configured + " plays: " + why)) {
                return; // a publisher has the stream
            }
            LOG.info("Stream " + stream + ": backup file " + configured + " plays (" + why + ")");
            events.accept(MediaEvent.of(MediaEventType.STREAM_BACKUP, stream, Map.of("file", configured,
                    "playing", true, "reason", why)));
            loop(data, rate);
        } catch (IOException | IllegalArgumentException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            if (!reason.equals(lastError)) {
                LOG.warning("Stream " + stream + ": backup file " + configured + " cannot play: " + reason);
                events.accept(MediaEvent.of(MediaEventType.STREAM_BACKUP, stream, Map.of("file", configured,
                        "playing", false, "reason", reason)));
            }
            lastError = reason;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            feed.release(this, "backup stopped", false);
            synchronized (this) {
                thread = null;
            }
        }
    }

    private byte[] load() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such file: " + file);
        }
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IOException("the file is " + (size >> 20) + " MiB, over the " + (MAX_BYTES >> 20) + " MiB a backup may have");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8);
        }
        if (Mp4Movie.looksLikeMp4(head)) { // remuxed once per play; the loop then paces it as any TS file
            return Mp4TsRemuxer.toTs(file, configured, MAX_TS_FROM_MP4);
        }
        byte[] data = Files.readAllBytes(file);
        if (data.length < TS || data[0] != 0x47) {
            throw new IOException("not an MPEG-TS file (it must start with a 0x47 sync byte) nor MP4");
        }
        return data;
    }

    /** The file's rate: its length over the span of its PCRs. */
    static long bytesPerSecond(byte[] data) {
        long first = -1;
        long last = -1;
        long lastAt = 0;
        for (int at = 0; at + TS <= data.length; at += TS) {
            long pcr = pcr(data, at);
            if (pcr >= 0) {
                if (first < 0) {
                    first = pcr;
                }
                last = pcr;
                lastAt = at;
            }
        }
        if (first < 0 || last <= first) {
            throw new IllegalArgumentException("the MPEG-TS file has no PCR to pace it by");
        }
        return Math.max(1, lastAt * 27_000_000L / (last - first));
    }

    /** The PCR of the packet at {@code at} in 27 MHz units, or -1 if it carries none. */
    static long pcr(byte[] d, int at) {
        if (d[at] != 0x47 || (d[at + 3] & 0x20) == 0 || (d[at + 4] & 0xff) < 7 || (d[at + 5] & 0x10) == 0) {
            return -1;
        }
        long base = ((d[at + 6] & 0xffL) << 25) | ((d[at + 7] & 0xffL) << 17) | ((d[at + 8] & 0xffL) << 9)
                | ((d[at + 9] & 0xffL) << 1) | ((d[at + 10] & 0x80) >> 7);
        long ext = ((d[at + 10] & 0x01L) << 8) | (d[at + 11] & 0xffL);
        return base * 300 + ext;
    }

    private void loop(byte[] data, long rate) throws InterruptedException {
        int usable = data.length - data.length % TS;
        while (running) {
            long start = System.nanoTime();
            int at = 0;
            while (at < usable) {
                if (!running) {
                    return;
                }
                long due = (System.nanoTime() - start) / 1000 * rate / 1_000_000;
                while (at < usable && at < due) {
                    int n = Math.min(CHUNK, usable - at);
                    if (!feed.feed(this, data, at, n)) {
                        return; // an input or a publisher took over
                    }
                    at += n;
                }
                feed.check(this);
                Thread.sleep(TICK_MILLIS);
            }
            if (!feed.restartTimeline(this)) {
                return;
            }
        }
    }

    @Override
    public String protocol() {
        return "backup";
    }

    @Override
    public String peer() {
        return configured;
    }

    @Override
    public int port() {
        return 0;
    }

    @Override
    public void disconnect(String reason) {
        stop();
    }

    @Override
    public Map<String, ?> stopStats() {
        return Map.of("file", configured);
    }
}
