package org.openstreamer.connector.mux.ts;

/**
 * Writes one video access unit as the transport stream wants it (ISO/IEC 13818-1 2.14 and 2.17):
 * Annex B byte stream, starting with an access unit delimiter, and with the parameter sets from
 * the sequence header before a keyframe that does not carry its own. Length-prefixed input
 * (AVCC/HVCC) is checked whole before anything is staged, so a bad unit leaves no trace.
 */
final class AnnexBWriter {

    private static final byte[] AUD_H264 = {0, 0, 0, 1, 0x09, (byte) 0xF0}; // primary_pic_type 7: any
    private static final byte[] AUD_H265 = {0, 0, 0, 1, 0x46, 0x01, 0x50}; // type 35, tid 1, pic_type 2

    private final boolean hevc;
    /** Null for Annex B input without a sequence header. */
    private final VideoConfig config;
    private final byte[] aud;
    private final int audType;
    private final int spsType;

    AnnexBWriter(MuxCodec codec, VideoConfig config) {
        this.hevc = codec == MuxCodec.H265;
        this.config = config;
        this.aud = hevc ? AUD_H265 : AUD_H264;
        this.audType = hevc ? 35 : 9;
        this.spsType = hevc ? 33 : 7;
    }

    void write(EsBuffer out, byte[] a, int off, int len, boolean keyframe) {
        if (config != null) {
            writeLengthPrefixed(out, a, off, len, keyframe);
        } else {
            writeAnnexB(out, a, off, len);
        }
    }

    private void writeLengthPrefixed(EsBuffer out, byte[] a, int off, int len, boolean keyframe) {
        int size = config.lengthSize();
        int end = off + len;
        boolean hasAud = false;
        boolean hasSps = false;
        for (int p = off; p < end; ) {
            if (end - p < size) {
                throw new MuxInputException("NAL unit length prefix truncated at byte " + (p - off) + " of " + len);
            }
            int n = nalLength(a, p, size);
            p += size;
            if (n <= 0 || n > end - p) {
                throw new MuxInputException("NAL unit length " + n + " at byte " + (p - off - size) + " overruns the "
                        + len + "-byte access unit");
            }
            int type = type(a[p]);
            hasAud |= p == off + size && type == audType;
            hasSps |= type == spsType;
            p += n;
        }
        if (!hasAud) {
            out.put(aud, 0, aud.length);
        }
        boolean setsDue = keyframe && !hasSps;
        for (int p = off; p < end; ) {
            int n = nalLength(a, p, size);
            p += size;
            if (setsDue && type(a[p]) != audType) {
                out.put(config.parameterSets(), 0, config.parameterSets().length);
                setsDue = false;
            }
            out.startCode();
            out.put(a, p, n);
            p += n;
        }
    }

    private void writeAnnexB(EsBuffer out, byte[] a, int off, int len) {
        int nal = firstNal(a, off, len);
        if (nal < 0) {
            throw new MuxInputException("access unit does not start with an Annex B start code");
        }
        if (type(a[nal]) != audType) {
            out.put(aud, 0, aud.length);
        }
        out.put(a, off, len);
    }

    private int type(byte first) {
        return hevc ? (first >> 1) & 0x3F : first & 0x1F;
    }

    /** Where the first NAL unit's header is: after leading zeros and a 0x01 (at least two zeros), or -1. */
    private static int firstNal(byte[] a, int off, int len) {
        int p = off;
        int end = off + len;
        while (p < end && a[p] == 0) {
            p++;
        }
        return p - off >= 2 && p + 1 < end && a[p] == 1 ? p + 1 : -1;
    }

    private static int nalLength(byte[] a, int p, int size) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            n = (n << 8) | (a[p + i] & 0xFF);
        }
        return n;
    }
}
