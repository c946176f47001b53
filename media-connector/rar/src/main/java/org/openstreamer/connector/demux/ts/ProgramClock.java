package org.openstreamer.connector.demux.ts;

/**
 * Turns the 33-bit, wrapping PTS/DTS of a program's streams into monotonic 90 kHz longs.
 * <p>
 * Each stream unwraps against its own previous value ({@link Stream}): a step of the signed
 * 33-bit difference, so the wrap at 2^33 is just another small step. A step outside
 * [-maxBackward, +maxForward] is a discontinuity (encoder restart, splice, concatenated files):
 * instead of a day-long gap the stream is re-based. The first stream to jump opens a new
 * <em>epoch</em>, placed just after the latest time any stream of the program has reached; the
 * other streams, when they jump too, join that epoch through its anchor (a raw/unwrapped pair
 * of the epoch), so they keep their relative timing. A new stream starts on the current epoch.
 * <p>
 * Not thread-safe; no allocation per timestamp.
 */
final class ProgramClock {

    static final long WRAP = 1L << 33;

    private final long maxBackward;
    private final long maxForward;
    private final DemuxCounters counters;
    private int epoch;
    private boolean anchored;
    private long anchorRaw;
    private long anchorOut;
    private long latest = Long.MIN_VALUE;

    ProgramClock(long maxBackward, long maxForward, DemuxCounters counters) {
        this.maxBackward = maxBackward;
        this.maxForward = maxForward;
        this.counters = counters;
    }

    /** The signed difference {@code a - b} of two 33-bit timestamps, in [-2^32, 2^32). */
    static long delta33(long a, long b) {
        long d = (a - b) & (WRAP - 1);
        return d >= WRAP / 2 ? d - WRAP : d;
    }

    Stream newStream() {
        return new Stream();
    }

    /** The unwrapping state of one elementary stream. */
    final class Stream {
        private boolean started;
        private int streamEpoch;
        private long lastRaw;
        private long lastOut;
        private long lastStep = 1;

        /**
         * Unwraps a DTS (or a PTS standing in for it).
         *
         * @param raw          33-bit timestamp
         * @param discontinuity the stream signalled a time-base discontinuity (discontinuity_indicator):
         *                     any backward step re-bases, not only large ones
         */
        long unwrap(long raw, boolean discontinuity) {
            long out;
            if (!started) {
                started = true;
                if (!anchored) {
                    out = raw;
                    anchored = true;
                    anchorRaw = raw;
                    anchorOut = raw;
                } else {
                    out = anchorOut + delta33(raw, anchorRaw);
                }
                streamEpoch = epoch;
            } else {
                long step = delta33(raw, lastRaw);
                if (step <= maxForward && step >= (discontinuity ? 0 : -maxBackward)) {
                    out = lastOut + step;
                    if (step > 0) {
                        lastStep = step;
                    }
                } else if (streamEpoch != epoch && fits(anchorOut + delta33(raw, anchorRaw))) {
                    out = Math.max(anchorOut + delta33(raw, anchorRaw), lastOut + 1); // join the newer epoch
                    streamEpoch = epoch;
                } else {
                    out = Math.max(latest, lastOut) + lastStep; // open a new epoch
                    epoch++;
                    streamEpoch = epoch;
                    anchorRaw = raw;
                    anchorOut = out;
                    counters.timestampDiscontinuities++;
                }
            }
            lastRaw = raw;
            lastOut = out;
            if (streamEpoch == epoch) {
                anchorRaw = raw;
                anchorOut = out;
            }
            latest = Math.max(latest, out);
            return out;
        }

        /** The last unwrapped value plus the last step: a guess for a PES without timestamps. */
        long next() {
            return started ? lastOut + lastStep : 0;
        }

        private boolean fits(long candidate) {
            long step = candidate - lastOut;
            return step <= maxForward && step >= -maxBackward;
        }
    }
}
