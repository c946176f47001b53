package org.openstreamer.connector.demux.ts;

import java.util.ArrayList;
import java.util.List;

/**
 * A TS_program_map_section (ISO/IEC 13818-1 2.4.4.8), reduced to what the demuxer uses.
 *
 * @param programNumber program_number
 * @param version       version_number
 * @param pcrPid        PCR_PID
 * @param streams       the elementary streams in PMT order, at most the limit given to {@link #parse}
 */
record PmtSection(int programNumber, int version, int pcrPid, List<Stream> streams) {

    static final int TABLE_ID = 0x02;
    static final int DESCRIPTOR_REGISTRATION = 0x05;
    static final int DESCRIPTOR_LANGUAGE = 0x0A;
    static final int DESCRIPTOR_DVB_AC3 = 0x6A;
    private static final int AC3_FORMAT_IDENTIFIER = 0x41432D33; // "AC-3"

    /**
     * One entry of the PMT's elementary stream loop.
     *
     * @param language ISO 639 code of the first language descriptor, or null
     */
    record Stream(int streamType, int pid, TsCodec codec, String language) {
    }

    /**
     * Parses an intact (CRC-checked) section.
     *
     * @return the PMT, or null when the section is not a current PMT or its loops overrun it
     */
    static PmtSection parse(byte[] s, int length, int maxStreams) {
        if (s[0] != TABLE_ID || (s[5] & 1) == 0 || length < 16) {
            return null;
        }
        int end = length - 4; // CRC_32
        int program = ((s[3] & 0xFF) << 8) | (s[4] & 0xFF);
        int version = (s[5] >> 1) & 0x1F;
        int pcrPid = ((s[8] & 0x1F) << 8) | (s[9] & 0xFF);
        int p = 12 + (((s[10] & 0x0F) << 8) | (s[11] & 0xFF));
        if (p > end) {
            return null;
        }
        List<Stream> streams = new ArrayList<>();
        while (p + 5 <= end) {
            int streamType = s[p] & 0xFF;
            int pid = ((s[p + 1] & 0x1F) << 8) | (s[p + 2] & 0xFF);
            int infoEnd = p + 5 + (((s[p + 3] & 0x0F) << 8) | (s[p + 4] & 0xFF));
            if (infoEnd > end) {
                return null;
            }
            String language = null;
            boolean ac3 = false;
            for (int d = p + 5; d + 2 <= infoEnd; ) {
                int tag = s[d] & 0xFF;
                int dlen = s[d + 1] & 0xFF;
                if (d + 2 + dlen > infoEnd) {
                    return null;
                }
                if (tag == DESCRIPTOR_LANGUAGE && dlen >= 3 && language == null) {
                    language = isoCode(s, d + 2);
                } else if (tag == DESCRIPTOR_DVB_AC3) {
                    ac3 = true;
                } else if (tag == DESCRIPTOR_REGISTRATION && dlen >= 4) {
                    int id = ((s[d + 2] & 0xFF) << 24) | ((s[d + 3] & 0xFF) << 16) | ((s[d + 4] & 0xFF) << 8)
                            | (s[d + 5] & 0xFF);
                    ac3 |= id == AC3_FORMAT_IDENTIFIER;
                }
                d += 2 + dlen;
            }
            if (streams.size() < maxStreams && !containsPid(streams, pid)) {
                streams.add(new Stream(streamType, pid, TsCodec.of(streamType, ac3), language));
            }
            p = infoEnd;
        }
        return new PmtSection(program, version, pcrPid, List.copyOf(streams));
    }

    private static boolean containsPid(List<Stream> streams, int pid) {
        for (Stream s : streams) {
            if (s.pid() == pid) {
                return true;
            }
        }
        return false;
    }

    /** Three printable ASCII letters, lower-cased, or null. */
    private static String isoCode(byte[] s, int off) {
        char[] c = new char[3];
        for (int i = 0; i < 3; i++) {
            int b = s[off + i] & 0xFF;
            if (b < 0x20 || b > 0x7E) {
                return null;
            }
            c[i] = Character.toLowerCase((char) b);
        }
        return new String(c);
    }
}
