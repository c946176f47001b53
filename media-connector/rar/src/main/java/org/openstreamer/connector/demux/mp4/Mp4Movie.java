package org.openstreamer.connector.demux.mp4;

import org.openstreamer.connector.mux.ts.MuxCodec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a non-fragmented MP4 or QuickTime file holds for playback: its audio and video tracks
 * with their sample tables (ISO/IEC 14496-12). The top-level boxes are walked on disk, so the
 * {@code moov} may come before or after the media; only the {@code moov} is read into memory, at
 * most {@link #MAX_MOOV} bytes. Every sample is checked to lie inside the file, so a truncated
 * file is refused here and not in the middle of playback.
 *
 * <p>Errors ({@link Mp4FormatException}) say what is wrong: no {@code moov} (not MP4, or a
 * recording cut off before it was finished), a fragmented file, a codec other than H.264, H.265
 * or AAC (named), a track without samples, a box whose size runs past its parent.
 */
public final class Mp4Movie {

    public static final int MAX_MOOV = 32 << 20;
    /** A larger sample is damage, not video. */
    public static final int MAX_SAMPLE = 16 << 20;
    /** Longest track: a loop of a day is more than any 24/7 channel clip needs. */
    static final long MAX_SECONDS = 86_400;
    private static final long MAX_SAMPLES = 50_000_000;
    /**
     * 90 kHz: how far back the times of a looped file may step at the loop point, from the last
     * sample of one loop to the first of the next in another track (one second, the skew between
     * tracks a TS mux tolerates). A file played in real time would otherwise send a whole burst.
     */
    public static final long MAX_LOOP_STEP_BACK = 90_000;

    private final List<Mp4Track> tracks;
    private final long start90;
    private final long length90;

    private Mp4Movie(List<Mp4Track> tracks, long start90, long length90) {
        this.tracks = tracks;
        this.start90 = start90;
        this.length90 = length90;
    }

    /** Whether a file starting with these bytes is ISO BMFF: its first box is one a file begins with. */
    public static boolean looksLikeMp4(byte[] head) {
        if (head.length < 8) {
            return false;
        }
        String type = Box.fourcc(head, 4);
        return switch (type) {
            case "ftyp", "moov", "mdat", "free", "skip", "wide", "pnot" -> true;
            default -> false;
        };
    }

    public List<Mp4Track> tracks() {
        return tracks;
    }

    /** 90 kHz: the earliest time of any track, which playback takes as its start. */
    long start90() {
        return start90;
    }

    /**
     * 90 kHz: the longest track, first decoding time to end; one loop of the file lasts this long.
     * Each track's times go on forward from one loop to the next (a video track that decodes
     * before it shows, for B-frames, may start its next loop a little before the audio ends its).
     * When the tracks start or end far apart, the loop is longer, so that the next one starts
     * at most {@link #MAX_LOOP_STEP_BACK} before the end of this one.
     */
    public long length90() {
        return length90;
    }

    public static Mp4Movie read(Mp4Data data) throws IOException {
        long size = data.size();
        byte[] moov = null;
        boolean fragments = false;
        byte[] header = new byte[16];
        long p = 0;
        while (p < size) {
            if (size - p < 8) {
                break; // trailing bytes after the last box
            }
            data.read(p, header, 0, 8);
            long box = Bytes.u32(header, 0);
            String type = Box.fourcc(header, 4);
            int headerSize = 8;
            if (box == 1) {
                if (size - p < 16) {
                    throw new Mp4FormatException("the file is cut off in the header of box '" + type + "'");
                }
                data.read(p + 8, header, 8, 8);
                box = Bytes.u64(header, 8);
                headerSize = 16;
            } else if (box == 0) {
                box = size - p;
            }
            if (box < headerSize) {
                throw new Mp4FormatException("box '" + type + "' at byte " + p + " has a size of " + box);
            }
            if (box > size - p) {
                throw new Mp4FormatException("the file is truncated: box '" + type + "' at byte " + p + " claims "
                        + Long.toUnsignedString(box) + " bytes, " + (size - p) + " are left");
            }
            if (type.equals("moov")) {
                if (box - headerSize > MAX_MOOV) {
                    throw new Mp4FormatException("the moov box has " + (box >> 20) + " MiB, over the " + (MAX_MOOV >> 20)
                            + " MiB allowed");
                }
                moov = new byte[(int) (box - headerSize)];
                data.read(p + headerSize, moov, 0, moov.length);
            } else if (type.equals("moof")) {
                fragments = true;
            }
            p += box;
        }
        if (moov == null) {
            throw new Mp4FormatException(fragments ? "fragmented MP4 without a moov box is not supported"
                    : "no moov box: not an MP4 file, or a recording cut off before it was finished");
        }
        return parse(moov, size, fragments);
    }

    private static Mp4Movie parse(byte[] a, long fileSize, boolean fragments) throws Mp4FormatException {
        List<Box> moov = Box.children(a, 0, a.length);
        Box mvhd = Box.find(moov, "mvhd");
        long movieScale = mvhd == null ? 0 : timescale(a, mvhd);
        List<Mp4Track> tracks = new ArrayList<>();
        for (Box trak : moov) {
            if (trak.type.equals("trak")) {
                Mp4Track t = track(a, trak, movieScale);
                if (t != null) {
                    tracks.add(t);
                }
            }
        }
        if (tracks.isEmpty()) {
            throw new Mp4FormatException("the file has no video or audio track");
        }
        long start = Long.MAX_VALUE;
        long length = 0;
        for (Mp4Track t : tracks) {
            if (check(t, fileSize) == 0) {
                throw new Mp4FormatException(fragments || Box.find(moov, "mvex") != null
                        ? "fragmented MP4 (samples in moof boxes) is not supported: remux it with ffmpeg -c copy"
                        : "track " + t.id() + " has no samples");
            }
            start = Math.min(start, t.to90(Math.min(t.firstDts, t.minPts)));
            length = Math.max(length, t.to90(t.end) - t.to90(t.firstDts));
        }
        if (length <= 0) {
            throw new Mp4FormatException("the file lasts no time");
        }
        for (Mp4Track t : tracks) {
            length = Math.max(length, t.to90(t.end) - start - MAX_LOOP_STEP_BACK);
        }
        return new Mp4Movie(List.copyOf(tracks), start, length);
    }

    /** The track, or null for one that is neither audio nor video (text, timecode, hints). */
    private static Mp4Track track(byte[] a, Box trak, long movieScale) throws Mp4FormatException {
        List<Box> boxes = Box.children(a, trak.start, trak.end);
        Box mdia = need(boxes, "mdia");
        List<Box> media = Box.children(a, mdia.start, mdia.end);
        Box hdlr = need(media, "hdlr");
        if (hdlr.length() < 12) {
            throw new Mp4FormatException("hdlr box too short");
        }
        String handler = Box.fourcc(a, hdlr.start + 8);
        boolean video = handler.equals("vide");
        if (!video && !handler.equals("soun")) {
            return null;
        }
        long timescale = timescale(a, need(media, "mdhd"));
        if (timescale == 0) {
            throw new Mp4FormatException("a track has a timescale of 0");
        }
        Box minf = need(media, "minf");
        Box stbl = need(Box.children(a, minf.start, minf.end), "stbl");
        List<Box> tables = Box.children(a, stbl.start, stbl.end);
        SampleEntry entry = SampleEntry.parse(a, need(tables, "stsd"), video);
        SampleTable table = SampleTable.parse(a, tables);
        Box tkhd = Box.find(boxes, "tkhd");
        int id = tkhd != null && tkhd.length() >= 24 ? (int) Bytes.u32(a, tkhd.start + (a[tkhd.start] == 1 ? 20 : 12)) : 0;
        Box edts = Box.find(boxes, "edts");
        long shift = edts == null ? 0 : EditList.shift(a, Box.children(a, edts.start, edts.end), movieScale, timescale);
        return new Mp4Track(id, entry, timescale, shift, table);
    }

    /**
     * Walks every sample once: inside the file, of a sane size, times within a day; notes the
     * track's extent. Returns how many samples have bytes (empty ones are passed over in playback).
     */
    private static int check(Mp4Track t, long fileSize) throws Mp4FormatException {
        SampleTable table = t.table;
        if (table.fixedSize > 0 && (long) table.sampleCount * table.fixedSize > fileSize
                || table.sampleCount > MAX_SAMPLES) {
            throw new Mp4FormatException("track " + t.id() + " claims " + table.sampleCount + " samples, more than the file holds");
        }
        SampleCursor c = new SampleCursor(table);
        long minPts = Long.MAX_VALUE;
        long limit = MAX_SECONDS * t.timescale;
        int syncs = 0;
        int nonEmpty = 0;
        while (c.next()) {
            if (c.size > MAX_SAMPLE) {
                throw new Mp4FormatException("sample " + (c.sample + 1) + " of track " + t.id() + " claims " + c.size
                        + " bytes, over the " + (MAX_SAMPLE >> 20) + " MiB allowed");
            }
            if (c.offset + c.size > fileSize) {
                throw new Mp4FormatException("the file is truncated: sample " + (c.sample + 1) + " of track " + t.id()
                        + " ends at byte " + (c.offset + c.size) + " of " + fileSize);
            }
            if (c.dts + c.duration > limit || Math.abs(c.pts - c.dts) > limit) {
                throw new Mp4FormatException("track " + t.id() + " lasts more than " + MAX_SECONDS / 3600 + " hours");
            }
            if (c.sample == 0) {
                t.firstDts = c.dts;
            }
            minPts = Math.min(minPts, c.pts);
            t.end = c.dts + c.duration;
            t.largestSample = Math.max(t.largestSample, c.size);
            syncs += c.sync && c.size > 0 ? 1 : 0;
            nonEmpty += c.size > 0 ? 1 : 0;
        }
        t.minPts = minPts;
        if (t.codec() != MuxCodec.AAC && syncs == 0 && nonEmpty > 0) {
            throw new Mp4FormatException("video track " + t.id() + " has no keyframe");
        }
        return nonEmpty;
    }

    private static long timescale(byte[] a, Box b) throws Mp4FormatException {
        int at = b.start + (b.length() > 0 && a[b.start] == 1 ? 20 : 12);
        if (at + 4 > b.end) {
            throw new Mp4FormatException(b.type + " box too short");
        }
        return Bytes.u32(a, at);
    }

    private static Box need(List<Box> boxes, String type) throws Mp4FormatException {
        Box b = Box.find(boxes, type);
        if (b == null) {
            throw new Mp4FormatException("a track has no " + type + " box");
        }
        return b;
    }
}
