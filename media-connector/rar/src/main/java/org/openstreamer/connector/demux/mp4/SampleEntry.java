package org.openstreamer.connector.demux.mp4;

import org.openstreamer.connector.mux.ts.MuxCodec;

import java.util.List;

/**
 * The codec of a track from the first entry of its sample description ({@code stsd}): H.264
 * ({@code avc1}/{@code avc3} with {@code avcC}), H.265 ({@code hvc1}/{@code hev1} with
 * {@code hvcC}) or AAC ({@code mp4a} whose {@code esds} names MPEG-4 audio). Anything else is an
 * error naming what the file has. QuickTime sound descriptions of version 1 and 2 and the
 * {@code wave} box around {@code esds} in {@code .mov} files are read too.
 *
 * @param codec  what the track carries
 * @param config the decoder configuration record (avcC/hvcC payload) or the AudioSpecificConfig
 */
record SampleEntry(MuxCodec codec, byte[] config) {

    /** Bytes of a visual sample entry before its child boxes (ISO/IEC 14496-12 12.1.3). */
    private static final int VISUAL_FIELDS = 78;
    /** Bytes of a sound sample entry before its child boxes (12.2.3), QuickTime version 0. */
    private static final int SOUND_FIELDS = 28;
    private static final int MPEG4_AUDIO = 0x40;

    static SampleEntry parse(byte[] a, Box stsd, boolean video) throws Mp4FormatException {
        if (stsd.length() < 8 || Bytes.u32(a, stsd.start + 4) < 1) {
            throw new Mp4FormatException("a track has an empty sample description (stsd)");
        }
        List<Box> entries = Box.children(a, stsd.start + 8, stsd.end);
        if (entries.isEmpty()) {
            throw new Mp4FormatException("a track has an empty sample description (stsd)");
        }
        Box e = entries.get(0);
        return video ? video(a, e) : audio(a, e);
    }

    private static SampleEntry video(byte[] a, Box e) throws Mp4FormatException {
        MuxCodec codec;
        String configBox;
        switch (e.type) {
            case "avc1", "avc3" -> {
                codec = MuxCodec.H264;
                configBox = "avcC";
            }
            case "hvc1", "hev1" -> {
                codec = MuxCodec.H265;
                configBox = "hvcC";
            }
            default -> throw unsupported("video", e.type);
        }
        if (e.length() < VISUAL_FIELDS) {
            throw new Mp4FormatException("the " + e.type + " sample entry is too short");
        }
        Box config = Box.find(Box.children(a, e.start + VISUAL_FIELDS, e.end), configBox);
        if (config == null) {
            throw new Mp4FormatException("the " + e.type + " sample entry has no " + configBox + " box");
        }
        return new SampleEntry(codec, java.util.Arrays.copyOfRange(a, config.start, config.end));
    }

    private static SampleEntry audio(byte[] a, Box e) throws Mp4FormatException {
        if (!e.type.equals("mp4a")) {
            throw unsupported("audio", e.type);
        }
        if (e.length() < SOUND_FIELDS) {
            throw new Mp4FormatException("the mp4a sample entry is too short");
        }
        int version = Bytes.u16(a, e.start + 8); // QuickTime: more fields follow in versions 1 and 2
        int fields = SOUND_FIELDS + (version == 1 ? 16 : version == 2 ? 36 : 0);
        if (e.length() < fields) {
            throw new Mp4FormatException("the mp4a sample entry is too short");
        }
        List<Box> children = Box.children(a, e.start + fields, e.end);
        Box esds = Box.find(children, "esds");
        Box wave = Box.find(children, "wave");
        if (esds == null && wave != null) {
            esds = Box.find(Box.children(a, wave.start, wave.end), "esds");
        }
        if (esds == null) {
            throw new Mp4FormatException("the mp4a sample entry has no esds box");
        }
        return new SampleEntry(MuxCodec.AAC, audioSpecificConfig(a, esds));
    }

    /** The DecoderSpecificInfo of the ES descriptor (ISO/IEC 14496-1 7.2.6.5), checked to be MPEG-4 audio. */
    private static byte[] audioSpecificConfig(byte[] a, Box esds) throws Mp4FormatException {
        int p = esds.start + 4; // version and flags
        int end = esds.end;
        Descriptor es = Descriptor.read(a, p, end, 0x03);
        p = es.start + 3; // ES_ID, flags
        int flags = need(a, p - 1, es.end);
        if ((flags & 0x80) != 0) {
            p += 2;
        }
        if ((flags & 0x40) != 0) {
            p += 1 + need(a, p, es.end);
        }
        if ((flags & 0x20) != 0) {
            p += 2;
        }
        Descriptor dc = Descriptor.read(a, p, es.end, 0x04);
        int objectType = need(a, dc.start, dc.end);
        if (objectType != MPEG4_AUDIO) {
            throw unsupported("audio", objectType == 0x69 || objectType == 0x6B ? "MP3 (mp4a object type 0x"
                    + Integer.toHexString(objectType) + ")" : "mp4a object type 0x" + Integer.toHexString(objectType));
        }
        Descriptor dsi = Descriptor.read(a, dc.start + 13, dc.end, 0x05);
        if (dsi.end - dsi.start < 2) {
            throw new Mp4FormatException("the AAC track has no AudioSpecificConfig");
        }
        return java.util.Arrays.copyOfRange(a, dsi.start, dsi.end);
    }

    private static int need(byte[] a, int p, int end) throws Mp4FormatException {
        if (p < 0 || p >= end) {
            throw new Mp4FormatException("the esds box is cut off");
        }
        return a[p] & 0xFF;
    }

    static Mp4FormatException unsupported(String kind, String what) {
        return new Mp4FormatException("the " + kind + " codec " + what + " is not supported (H.264, H.265 and AAC are)");
    }

    /** An MPEG-4 descriptor: a tag, a size of up to four 7-bit bytes, and its payload. */
    private record Descriptor(int start, int end) {
        static Descriptor read(byte[] a, int p, int end, int tag) throws Mp4FormatException {
            if (need(a, p, end) != tag) {
                throw new Mp4FormatException("the esds box lacks descriptor " + tag);
            }
            int size = 0;
            int q = p + 1;
            for (int i = 0; i < 4; i++) {
                int b = need(a, q++, end);
                size = (size << 7) | (b & 0x7F);
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            if (size > end - q) {
                throw new Mp4FormatException("descriptor " + tag + " of the esds box claims " + size + " bytes where "
                        + (end - q) + " are left");
            }
            return new Descriptor(q, q + size);
        }
    }
}
