package org.openstreamer.connector.demux.ts;

/**
 * Counts one track's bytes and frames and measures its bitrate and frame rate over a sliding
 * window of media time (DTS). The window is a ring of samples, one at most every
 * {@code window / SLOTS} ticks, each holding the running totals at a frame start; the rates are
 * the differences between the newest and the oldest sample. Fixed arrays: nothing is allocated
 * per frame.
 */
final class TrackMeter {

    private static final int SLOTS = 32;

    private final long spacing;
    private final long[] sampleDts = new long[SLOTS];
    private final long[] sampleBytes = new long[SLOTS];
    private final long[] sampleFrames = new long[SLOTS];
    private int newest = -1;
    private int count;
    private long bytes;
    private long frames;
    private long keyframes;
    private long lastDts;

    TrackMeter(long windowTicks) {
        this.spacing = Math.max(1, windowTicks / (SLOTS - 1));
    }

    void payload(int n) {
        bytes += n;
    }

    void frame(long dts, boolean keyframe) {
        if (count == 0 || dts - sampleDts[newest] >= spacing) {
            newest = (newest + 1) % SLOTS;
            sampleDts[newest] = dts;
            sampleBytes[newest] = bytes;
            sampleFrames[newest] = frames;
            count = Math.min(count + 1, SLOTS);
        }
        frames++;
        if (keyframe) {
            keyframes++;
        }
        lastDts = dts;
    }

    TsTrackStats snapshot(TsTrack track) {
        long bitrate = 0;
        double frameRate = 0;
        if (count >= 2) {
            int oldest = (newest - count + 1 + SLOTS) % SLOTS;
            long span = sampleDts[newest] - sampleDts[oldest];
            if (span > 0) {
                bitrate = (sampleBytes[newest] - sampleBytes[oldest]) * 8 * 90_000 / span;
                frameRate = (sampleFrames[newest] - sampleFrames[oldest]) * 90_000.0 / span;
            }
        }
        return new TsTrackStats(track, bytes, frames, keyframes, bitrate, frameRate, frames == 0 ? -1 : lastDts);
    }
}
