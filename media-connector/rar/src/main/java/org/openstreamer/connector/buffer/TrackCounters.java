package org.openstreamer.connector.buffer;

/**
 * Bytes and frames per track since the publisher connected, for the bitrate and frame rate that
 * media_info reports. Written by the ingest thread only; readers may see slightly stale values.
 */
final class TrackCounters {

    private static final int MAX_TRACKS = 32;

    private final long[] bytes = new long[MAX_TRACKS];
    private final long[] frames = new long[MAX_TRACKS];
    private final long[] firstDts = new long[MAX_TRACKS];
    private final long[] lastDts = new long[MAX_TRACKS];
    private volatile long startNanos = System.nanoTime();

    void reset(long nowNanos) {
        java.util.Arrays.fill(bytes, 0);
        java.util.Arrays.fill(frames, 0);
        startNanos = nowNanos;
    }

    void bytes(int track, int n) {
        if (track < MAX_TRACKS) {
            bytes[track] += n;
        }
    }

    void frame(int track, long dts) {
        if (track >= MAX_TRACKS) {
            return;
        }
        if (frames[track]++ == 0) {
            firstDts[track] = dts;
        }
        lastDts[track] = dts;
    }

    /** Average bits per second since the publisher connected (TS payload, packet headers included). */
    long bitrate(int track) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return track < MAX_TRACKS && seconds > 0.5 ? Math.round(bytes[track] * 8 / seconds) : 0;
    }

    /** Frames per second from the decode timestamps, rounded to 3 decimals; 0 until two frames. */
    double fps(int track) {
        if (track >= MAX_TRACKS || frames[track] < 2 || lastDts[track] <= firstDts[track]) {
            return 0;
        }
        double fps = (frames[track] - 1) * 90_000.0 / (lastDts[track] - firstDts[track]);
        return Math.round(fps * 1000) / 1000.0;
    }
}
