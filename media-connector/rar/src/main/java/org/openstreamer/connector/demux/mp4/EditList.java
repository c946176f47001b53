package org.openstreamer.connector.demux.mp4;

import java.util.List;

/**
 * The part of an edit list ({@code elst}, ISO/IEC 14496-12 8.6.6) playback needs: leading empty
 * edits delay the track, and the first media edit names the media time shown first (an encoder's
 * B-frame delay or AAC priming). Later edits (cuts, repeats) are not applied.
 */
final class EditList {

    private EditList() {
    }

    /** Track units to add to the track's times, so its first shown sample lands where the edits put it. */
    static long shift(byte[] a, List<Box> edts, long movieScale, long timescale) throws Mp4FormatException {
        Box elst = Box.find(edts, "elst");
        if (elst == null || elst.length() < 8) {
            return 0;
        }
        boolean v1 = a[elst.start] == 1;
        int entrySize = v1 ? 20 : 12;
        long count = Bytes.u32(a, elst.start + 4);
        if (count * entrySize > elst.length() - 8) {
            throw new Mp4FormatException("elst claims " + count + " entries but holds " + (elst.length() - 8) / entrySize);
        }
        long empty = 0;
        for (int i = 0; i < count; i++) {
            int p = elst.start + 8 + i * entrySize;
            long duration = v1 ? Bytes.u64(a, p) : Bytes.u32(a, p);
            long mediaTime = v1 ? Bytes.u64(a, p + 8) : Bytes.s32(a, p + 4);
            if (mediaTime == -1) {
                empty += duration;
                continue;
            }
            long limit = Mp4Movie.MAX_SECONDS * timescale;
            if (mediaTime < 0 || mediaTime > limit || empty < 0 || movieScale > 0 && empty / movieScale > Mp4Movie.MAX_SECONDS) {
                throw new Mp4FormatException("the edit list (elst) starts out of range");
            }
            long delay = movieScale == 0 ? 0 : (long) ((double) empty * timescale / movieScale);
            return delay - mediaTime;
        }
        return 0;
    }
}
