package org.openstreamer.ejb.drm;

/**
 * When a protected stream needs its next key. Keys follow each other every rotation period; the
 * next one is made {@link #leadMillis ahead} so that the engine holds it before its first segment.
 * After a pause longer than a period (the server was down, DRM was off) the chain starts again now.
 */
public final class KeySchedule {

    private KeySchedule() {
    }

    /** How far ahead of its start a key is made: a quarter of the period, 1 to 30 s. */
    public static long leadMillis(long rotationMillis) {
        return Math.max(1000, Math.min(30_000, rotationMillis / 4));
    }

    /**
     * The start of the key to make now, or -1 when none is due.
     *
     * @param latestStart the start of the newest key, or -1 when the stream has none
     */
    public static long nextStart(long latestStart, long rotationMillis, long now) {
        if (latestStart < 0) {
            return now;
        }
        long next = latestStart + rotationMillis;
        if (next + rotationMillis <= now) {
            return now; // the chain broke off: start again from now
        }
        return next - leadMillis(rotationMillis) <= now ? next : -1;
    }
}
