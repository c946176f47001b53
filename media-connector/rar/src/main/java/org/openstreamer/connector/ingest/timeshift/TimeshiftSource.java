package org.openstreamer.connector.ingest.timeshift;

import org.openstreamer.connector.api.ArchiveSegmentRecord;
import org.openstreamer.connector.api.DvrSettings;
import org.openstreamer.connector.dvr.DvrArchive;
import org.openstreamer.connector.api.StreamName;
import org.openstreamer.connector.ingest.IngestSession;
import org.openstreamer.connector.ingest.Source;

import java.io.IOException;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The input {@code timeshift://OTHER/SECONDS}: OTHER's archive replayed SECONDS late into this
 * stream's live pipeline, once for all its viewers. Segment files are read from OTHER's DVR
 * folder as the delayed clock reaches their start, and fed at the pace they were recorded, so
 * the stream segments, plays and records like any live one. A gap in OTHER's recording is a gap
 * here too: the delay never changes. A pulled {@link Source}: its thread feeds an
 * {@link IngestSession} like any publisher.
 */
public final class TimeshiftSource implements Runnable, Source {

    private static final Logger LOG = Logger.getLogger(TimeshiftSource.class.getName());
    private static final Pattern URL = Pattern.compile("(?i)timeshift://(" + StreamName.PATTERN + ")/(\\d{1,9})");
    private static final int CHUNK = 188 * 7 * 16;
    private static final long IDLE_SLEEP_MS = 500;

    /** What a {@code timeshift://} URL names. */
    public record Spec(String stream, long delayMillis) {
    }

    private final String name;
    private final Spec spec;
    private final Function<String, DvrSettings> dvrOf;
    private final DvrArchive archive;
    private final Function<Source, IngestSession> open;
    private volatile boolean running = true;
    /** Set by {@link #disconnect}: the feeding thread closes its session and opens a new one. */
    private volatile String disconnectReason;

    /**
     * @param dvrOf   the DVR settings of a stream by name (null when it has none)
     * @param archive where the other stream's segments are found and read
     * @param open  admits this source to its stream: the session, or null while the stream is
     *              gone or has another publisher
     */
    public TimeshiftSource(String name, Spec spec, Function<String, DvrSettings> dvrOf, DvrArchive archive,
                           Function<Source, IngestSession> open) {
        this.name = name;
        this.spec = spec;
        this.dvrOf = dvrOf;
        this.archive = archive;
        this.open = open;
    }

    /** {@code timeshift://OTHER/SECONDS}, or null when {@code url} is no such URL. */
    public static Spec parse(String url) {
        Matcher m = url == null ? null : URL.matcher(url);
        return m != null && m.matches() ? new Spec(m.group(1), Long.parseLong(m.group(2)) * 1000) : null;
    }

    public Spec spec() {
        return spec;
    }

    public void stop() {
        running = false;
    }

    @Override
    public String protocol() {
        return "timeshift";
    }

    @Override
    public String peer() {
        return "timeshift://" + spec.stream() + "/" + spec.delayMillis() / 1000;
    }

    @Override
    public int port() {
        return 0;
    }

    /** Closes the session at the next chunk; the replay goes on into a new one (a restarted stream's new hub). */
    @Override
    public void disconnect(String reason) {
        disconnectReason = reason;
    }

    @Override
    public Map<String, String> stopStats() {
        return Map.of();
    }

    @Override
    public void run() {
        IngestSession session = null;
        long cursor = Long.MIN_VALUE; // start of the last segment fed
        boolean warned = false;
        boolean busyWarned = false;
        String reason = "source stopped";
        try {
            while (running) {
                session = closeIfAsked(session);
                if (session != null) {
                    session.checkIfDue();
                }
                DvrSettings dvr = dvrOf.apply(spec.stream());
                long position = System.currentTimeMillis() - spec.delayMillis();
                ArchiveSegmentRecord next = dvr == null ? null : archive.next(dvr.root(), spec.stream(), cursor, position);
                if (next == null && cursor == Long.MIN_VALUE && dvr != null) {
                    cursor = position; // nothing plays at the delayed instant: start with what comes after it
                }
                if (next == null) {
                    if (dvr == null && !warned) {
                        LOG.warning("Stream " + name + " replays " + spec.stream() + ", which has no DVR: nothing to replay");
                        warned = true;
                    }
                    Thread.sleep(IDLE_SLEEP_MS);
                    continue;
                }
                if (session == null) {
                    session = open.apply(this);
                    if (session == null) { // another publisher, or the stream is going (the engine stops us then)
                        if (!busyWarned) {
                            LOG.warning("Timeshift of " + name + " waits: the stream has another publisher or is gone");
                            busyWarned = true;
                        }
                        Thread.sleep(IDLE_SLEEP_MS);
                        continue;
                    }
                    busyWarned = false;
                }
                feed(next, session);
                cursor = next.startMillis();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warning("Timeshift of " + name + " stopped: " + e);
            reason = "internal error: " + e;
        } finally {
            if (session != null) {
                session.close(reason);
            }
        }
    }

    private IngestSession closeIfAsked(IngestSession session) {
        String reason = disconnectReason;
        if (reason == null) {
            return session;
        }
        disconnectReason = null;
        if (session != null) {
            session.close(reason);
        }
        return null;
    }

    /** Feeds one segment file, spread over its duration from the moment the delayed clock reaches its start. */
    private void feed(ArchiveSegmentRecord segment, IngestSession session) throws InterruptedException {
        byte[] bytes;
        try {
            bytes = archive.read(segment);
        } catch (IOException e) {
            LOG.warning("Timeshift of " + name + " cannot read " + segment.path() + " of " + spec.stream() + ": " + e);
            return;
        }
        if (bytes == null) {
            return; // retention got there first
        }
        long airAt = segment.startMillis() + spec.delayMillis();
        int chunks = Math.max(1, (bytes.length + CHUNK - 1) / CHUNK);
        for (int i = 0; i < chunks && running && disconnectReason == null; i++) {
            long due = airAt + segment.durationMillis() * i / chunks;
            long wait = due - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            int off = i * CHUNK;
            session.feed(bytes, off, Math.min(CHUNK, bytes.length - off));
            session.checkIfDue();
        }
    }
}
