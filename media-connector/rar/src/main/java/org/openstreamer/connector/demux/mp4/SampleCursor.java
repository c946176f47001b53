package org.openstreamer.connector.demux.mp4;

/**
 * Walks a {@link SampleTable} in decoding order, one sample per {@link #next}, keeping a position
 * in each run-length table: constant time and no allocation per sample. After {@code next()}
 * returns true the fields describe the sample (times in the track's timescale).
 */
final class SampleCursor {

    private final SampleTable t;
    private int index;
    private long clock;
    private int sttsAt = -1;
    private long sttsLeft;
    private int cttsAt = -1;
    private long cttsLeft;
    private int stscAt = -1;
    private int chunk = -1;
    private int perChunk;
    private int inChunk;
    private long chunkPos;
    private int syncAt;

    /** The current sample: 0-based number, decoding and composition time, where it is, its size. */
    int sample = -1;
    long dts;
    long pts;
    long offset;
    int size;
    boolean sync;
    /** Its duration (the stts delta). */
    long duration;

    SampleCursor(SampleTable t) {
        this.t = t;
    }

    /** Moves to the next sample; false after the last. Throws when the tables contradict each other. */
    boolean next() throws Mp4FormatException {
        if (index >= t.sampleCount) {
            return false;
        }
        while (sttsLeft == 0) {
            if (++sttsAt >= t.sttsCount.length) {
                throw new Mp4FormatException("the decoding times (stts) end before sample " + (index + 1));
            }
            sttsLeft = t.sttsCount[sttsAt];
        }
        int ctsOffset = 0;
        if (t.cttsCount != null) {
            while (cttsLeft == 0 && cttsAt + 1 < t.cttsCount.length) {
                cttsLeft = t.cttsCount[++cttsAt];
            }
            if (cttsLeft > 0) { // a short table leaves the last samples without an offset
                ctsOffset = t.cttsOffset[cttsAt];
                cttsLeft--;
            }
        }
        while (inChunk >= perChunk) {
            if (++chunk >= t.chunkOffsets.length) {
                throw new Mp4FormatException("sample " + (index + 1) + " falls past the last of "
                        + t.chunkOffsets.length + " chunks (stco)");
            }
            while (stscAt + 1 < t.stscFirstChunk.length && t.stscFirstChunk[stscAt + 1] <= chunk + 1) {
                stscAt++;
            }
            perChunk = stscAt < 0 ? 0 : t.stscPerChunk[stscAt];
            inChunk = 0;
            chunkPos = t.chunkOffsets[chunk];
        }
        sample = index;
        size = t.sizes == null ? t.fixedSize : t.sizes[index];
        offset = chunkPos;
        chunkPos += size;
        inChunk++;
        duration = t.sttsDelta[sttsAt];
        dts = clock;
        pts = clock + ctsOffset;
        clock += duration;
        sttsLeft--;
        if (t.sync == null) {
            sync = true;
        } else {
            while (syncAt < t.sync.length && t.sync[syncAt] < index + 1) {
                syncAt++;
            }
            sync = syncAt < t.sync.length && t.sync[syncAt] == index + 1;
        }
        index++;
        return true;
    }
}
