package org.openstreamer.connector.demux.mp4;

import org.openstreamer.connector.mux.ts.MuxCodec;

/**
 * One audio or video track of an MP4 file: its codec and decoder configuration, its timescale,
 * the shift its edit list asks for, and its sample tables, checked whole when the file was read.
 */
public final class Mp4Track {

    private final int id;
    private final SampleEntry entry;
    final long timescale;
    /** Added to every decoding and composition time (track units): the edit list's start. */
    final long shift;
    final SampleTable table;
    /** From the check of every sample: the first decoding time, the earliest composition time, the end. */
    long firstDts;
    long minPts;
    long end;
    int largestSample;

    Mp4Track(int id, SampleEntry entry, long timescale, long shift, SampleTable table) {
        this.id = id;
        this.entry = entry;
        this.timescale = timescale;
        this.shift = shift;
        this.table = table;
    }

    /** The track_ID of its header. */
    public int id() {
        return id;
    }

    public MuxCodec codec() {
        return entry.codec();
    }

    /** The avcC/hvcC record or AudioSpecificConfig; not copied, do not change it. */
    public byte[] config() {
        return entry.config();
    }

    public int samples() {
        return table.sampleCount;
    }

    /** A time of this track (its units, before the edit shift) in 90 kHz ticks. */
    long to90(long units) {
        long v = units + shift;
        return Math.floorDiv(v, timescale) * 90_000 + Math.floorMod(v, timescale) * 90_000 / timescale;
    }
}
