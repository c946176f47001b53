package org.openstreamer.connector.demux.mp4;

import java.util.List;

/**
 * A track's sample tables (ISO/IEC 14496-12 8.6-8.7) as read from its {@code stbl}: decoding
 * deltas ({@code stts}), composition offsets ({@code ctts}), samples per chunk ({@code stsc}),
 * sizes ({@code stsz}), chunk offsets ({@code stco}/{@code co64}) and sync samples ({@code stss}).
 * Kept run-length as stored, so memory follows the size of the {@code moov}, never a count a box
 * claims: every entry count is checked against the bytes of its box before an array is made.
 * {@link SampleCursor} walks them.
 */
final class SampleTable {

    final int sampleCount;
    final int[] sttsCount;
    final long[] sttsDelta;
    /** Null without a {@code ctts}: composition time equals decoding time. */
    final int[] cttsCount;
    final int[] cttsOffset;
    final int[] stscFirstChunk;
    final int[] stscPerChunk;
    /** Every sample's size when not 0; else {@link #sizes}. */
    final int fixedSize;
    final int[] sizes;
    final long[] chunkOffsets;
    /** 1-based numbers of the sync samples, ascending; null when every sample is one. */
    final int[] sync;

    private SampleTable(int sampleCount, int[] sttsCount, long[] sttsDelta, int[] cttsCount, int[] cttsOffset,
                        int[] stscFirstChunk, int[] stscPerChunk, int fixedSize, int[] sizes, long[] chunkOffsets,
                        int[] sync) {
        this.sampleCount = sampleCount;
        this.sttsCount = sttsCount;
        this.sttsDelta = sttsDelta;
        this.cttsCount = cttsCount;
        this.cttsOffset = cttsOffset;
        this.stscFirstChunk = stscFirstChunk;
        this.stscPerChunk = stscPerChunk;
        this.fixedSize = fixedSize;
        this.sizes = sizes;
        this.chunkOffsets = chunkOffsets;
        this.sync = sync;
    }

    static SampleTable parse(byte[] a, List<Box> stbl) throws Mp4FormatException {
        Box stsz = Box.find(stbl, "stsz");
        if (stsz == null) {
            throw new Mp4FormatException(Box.find(stbl, "stz2") != null
                    ? "compact sample sizes (stz2) are not supported" : "a track has no sample sizes (stsz)");
        }
        if (stsz.length() < 12) {
            throw new Mp4FormatException("stsz box too short");
        }
        long fixed = Bytes.u32(a, stsz.start + 4);
        long count = Bytes.u32(a, stsz.start + 8);
        if (fixed > Integer.MAX_VALUE || count > Integer.MAX_VALUE) {
            throw new Mp4FormatException("stsz claims " + count + " samples of " + fixed + " bytes");
        }
        int[] sizes = null;
        if (fixed == 0) {
            sizes = new int[entries(count, 4, stsz.length() - 12, "stsz")];
            for (int i = 0; i < sizes.length; i++) {
                long s = Bytes.u32(a, stsz.start + 12 + 4 * i);
                if (s > Integer.MAX_VALUE) {
                    throw new Mp4FormatException("sample " + (i + 1) + " claims " + s + " bytes");
                }
                sizes[i] = (int) s;
            }
        }
        int samples = (int) count;

        Box stts = required(stbl, "stts");
        int n = entries(a, stts, 8);
        int[] sttsCount = new int[n];
        long[] sttsDelta = new long[n];
        long covered = 0;
        for (int i = 0; i < n; i++) {
            sttsCount[i] = nonNegative(Bytes.u32(a, stts.start + 8 + 8 * i), "stts");
            sttsDelta[i] = Bytes.u32(a, stts.start + 12 + 8 * i);
            covered += sttsCount[i];
        }
        if (covered != samples) {
            throw new Mp4FormatException("the decoding times (stts) cover " + covered + " samples, the sizes (stsz) "
                    + samples);
        }

        int[] cttsCount = null;
        int[] cttsOffset = null;
        Box ctts = Box.find(stbl, "ctts");
        if (ctts != null) {
            n = entries(a, ctts, 8);
            cttsCount = new int[n];
            cttsOffset = new int[n];
            for (int i = 0; i < n; i++) {
                cttsCount[i] = nonNegative(Bytes.u32(a, ctts.start + 8 + 8 * i), "ctts");
                cttsOffset[i] = Bytes.s32(a, ctts.start + 12 + 8 * i); // signed in version 1, and in practice in 0
            }
        }

        Box stsc = required(stbl, "stsc");
        n = entries(a, stsc, 12);
        int[] first = new int[n];
        int[] per = new int[n];
        for (int i = 0; i < n; i++) {
            first[i] = nonNegative(Bytes.u32(a, stsc.start + 8 + 12 * i), "stsc");
            per[i] = nonNegative(Bytes.u32(a, stsc.start + 12 + 12 * i), "stsc");
            if (i == 0 ? first[i] != 1 : first[i] <= first[i - 1]) {
                throw new Mp4FormatException("the sample-to-chunk table (stsc) is out of order at entry " + (i + 1));
            }
        }

        long[] offsets;
        Box stco = Box.find(stbl, "stco");
        Box co64 = Box.find(stbl, "co64");
        if (stco != null) {
            offsets = new long[entries(a, stco, 4)];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = Bytes.u32(a, stco.start + 8 + 4 * i);
            }
        } else if (co64 != null) {
            offsets = new long[entries(a, co64, 8)];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = Bytes.u64(a, co64.start + 8 + 8 * i);
                if (offsets[i] < 0) {
                    throw new Mp4FormatException("chunk " + (i + 1) + " has a negative offset");
                }
            }
        } else {
            throw new Mp4FormatException("a track has no chunk offsets (stco or co64)");
        }
        if (samples > 0 && (n == 0 || offsets.length == 0)) {
            throw new Mp4FormatException("a track has samples but no chunks");
        }

        int[] sync = null;
        Box stss = Box.find(stbl, "stss");
        if (stss != null) {
            sync = new int[entries(a, stss, 4)];
            for (int i = 0; i < sync.length; i++) {
                sync[i] = nonNegative(Bytes.u32(a, stss.start + 8 + 4 * i), "stss");
                if (i > 0 && sync[i] <= sync[i - 1]) {
                    throw new Mp4FormatException("the sync sample table (stss) is out of order at entry " + (i + 1));
                }
            }
        }
        return new SampleTable(samples, sttsCount, sttsDelta, cttsCount, cttsOffset, first, per, (int) fixed, sizes,
                offsets, sync);
    }

    private static Box required(List<Box> stbl, String type) throws Mp4FormatException {
        Box b = Box.find(stbl, type);
        if (b == null) {
            throw new Mp4FormatException("a track has no " + type + " box");
        }
        return b;
    }

    /** The entry count of a full box whose entries follow version, flags and the count. */
    private static int entries(byte[] a, Box b, int entrySize) throws Mp4FormatException {
        if (b.length() < 8) {
            throw new Mp4FormatException(b.type + " box too short");
        }
        return entries(Bytes.u32(a, b.start + 4), entrySize, b.length() - 8, b.type);
    }

    private static int entries(long count, int entrySize, int bytes, String type) throws Mp4FormatException {
        if (count * entrySize > bytes) {
            throw new Mp4FormatException(type + " claims " + count + " entries but holds " + bytes / entrySize);
        }
        return (int) count;
    }

    private static int nonNegative(long v, String type) throws Mp4FormatException {
        if (v > Integer.MAX_VALUE) {
            throw new Mp4FormatException(type + " entry out of range: " + v);
        }
        return (int) v;
    }
}
