package org.openstreamer.web.playback;

import java.util.function.Supplier;

/**
 * The first viewer of an on-demand stream waits for it to start (its source to connect and the
 * first segment to close) instead of getting a 404; the engine was told of the viewer before.
 * Polls, as the stream's start is seconds away and rare next to the requests of running streams.
 */
final class OnDemandWait {

    /** How long a first viewer waits: a source's first keyframe plus one segment, with room to spare. */
    static final long WAIT_MILLIS = Long.getLong("openstreamer.ondemand.wait.ms", 15_000);
    private static final long POLL_MILLIS = 100;

    private OnDemandWait() {
    }

    /** What {@code ready} gives once it gives something, or null after {@code WAIT_MILLIS}. */
    static <T> T await(Supplier<T> ready) {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            T t = ready.get();
            if (t != null) {
                return t;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }
}
