package org.openstreamer.connector.ingest.failover;

import org.openstreamer.connector.ingest.IngestSession;
import org.openstreamer.connector.ingest.Source;

import java.util.function.Function;

/**
 * The one session through which a stream's pulled inputs and its backup file feed the hub, and
 * who holds it. Taking it closes the holder's session first, so a switch is a publisher change
 * for the hub (the segmenter cuts and the next segment follows a discontinuity) and the hub
 * stays. Feeding, taking and releasing are serialized per chunk, so a switch made from another
 * thread (a publisher taking over) never races a feed in progress.
 */
public final class StreamFeed {

    private final Function<Source, IngestSession> open;
    private IngestSession session;
    private Object holder;
    /** The backup file feeds: its segments are not recorded. Read by the DVR path on any thread. */
    private volatile boolean backup;

    /** @param open admits a source to the stream: the session, or null while a publisher has it or it is gone */
    public StreamFeed(Function<Source, IngestSession> open) {
        this.open = open;
    }

    /**
     * Makes {@code who} the feeder with a new session for {@code source}, closing the current
     * holder's with {@code reason} first. False when the stream has a publisher or is gone.
     */
    public synchronized boolean take(Object who, Source source, boolean isBackup, String reason) {
        closeHeld(reason, false);
        backup = isBackup; // before the session opens: its first segment closes while this says so
        IngestSession s = open.apply(source);
        if (s == null) {
            backup = false;
            return false;
        }
        session = s;
        holder = who;
        return true;
    }

    /** Feeds the session if {@code who} still holds it; false otherwise (someone took over). */
    public synchronized boolean feed(Object who, byte[] buf, int off, int len) {
        if (holder != who) {
            return false;
        }
        session.feed(buf, off, len);
        return true;
    }

    /** The holder's health check ({@link IngestSession#checkIfDue}); false if {@code who} no longer holds. */
    public synchronized boolean check(Object who) {
        if (holder != who) {
            return false;
        }
        session.checkIfDue();
        return true;
    }

    /** Milliseconds since the last frame of {@code who}'s session, or -1 if it does not hold it. */
    public synchronized long frameAgeMillis(Object who) {
        return holder == who ? session.frameAgeMillis() : -1;
    }

    /** A new timeline in the same session (the backup file starts over): the next segment follows a discontinuity. */
    public synchronized boolean restartTimeline(Object who) {
        if (holder != who) {
            return false;
        }
        session.restartTimeline();
        return true;
    }

    public synchronized boolean holds(Object who) {
        return holder == who;
    }

    /** Whether the stream is fed through here now (by an input or the backup). */
    public synchronized boolean held() {
        return holder != null;
    }

    /** Ends {@code who}'s session if it still holds it; {@code lost}: the input broke ({@code source_lost}). */
    public synchronized void release(Object who, String reason, boolean lost) {
        if (holder == who) {
            closeHeld(reason, lost);
        }
    }

    /** Ends whatever session is held (a publisher takes over, the stream stops). */
    public synchronized void releaseAny(String reason) {
        closeHeld(reason, false);
    }

    /**
     * A publisher standing by sends frames again: if {@code mayTakeOver} says so, what feeds the
     * stream lets go ({@code reason}) and {@code resume} gives the publisher the stream, in one step
     * that no {@link #take} can come between. False (nothing changed) if it may not.
     */
    public synchronized boolean handBack(java.util.function.BooleanSupplier mayTakeOver, String reason,
                                         java.util.function.BooleanSupplier resume) {
        if (!mayTakeOver.getAsBoolean()) {
            return false;
        }
        closeHeld(reason, false);
        return resume.getAsBoolean();
    }

    public boolean backupPlaying() {
        return backup;
    }

    private void closeHeld(String reason, boolean lost) {
        if (session != null) {
            if (lost) {
                session.lost(reason);
            } else {
                session.close(reason);
            }
        }
        session = null;
        holder = null;
        backup = false; // after the close: the backup's last segment was cut while it still said so
    }
}
