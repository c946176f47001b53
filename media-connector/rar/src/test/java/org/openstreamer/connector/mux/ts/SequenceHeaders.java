package org.openstreamer.connector.mux.ts;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns Annex B / ADTS access units into the form RTMP delivers them: length-prefixed NAL units
 * with a decoder configuration record, raw AAC frames with an AudioSpecificConfig.
 */
final class SequenceHeaders {

    private SequenceHeaders() {
    }

    /** The NAL units of an Annex B unit, without start codes. */
    static List<byte[]> nalUnits(byte[] annexB) {
        List<byte[]> out = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i + 2 < annexB.length) {
            if (annexB[i] == 0 && annexB[i + 1] == 0 && annexB[i + 2] == 1) {
                if (start >= 0) {
                    out.add(trimmed(annexB, start, i));
                }
                i += 3;
                start = i;
            } else {
                i++;
            }
        }
        if (start >= 0) {
            out.add(trimmed(annexB, start, annexB.length));
        }
        return out;
    }

    private static byte[] trimmed(byte[] a, int from, int to) {
        while (to > from && a[to - 1] == 0) {
            to--; // zeros before a start code are not part of the NAL unit
        }
        return Arrays.copyOfRange(a, from, to);
    }

    static int type(MuxCodec codec, byte[] nal) {
        return codec == MuxCodec.H265 ? (nal[0] >> 1) & 0x3F : nal[0] & 0x1F;
    }

    /** Access unit delimiter and parameter sets: what a length-prefixed unit leaves out. */
    static boolean headerNal(MuxCodec codec, int type) {
        return codec == MuxCodec.H265 ? type >= 32 && type <= 35 : type >= 7 && type <= 9;
    }

    /** The unit's other NAL units, each after a {@code size}-byte length. */
    static byte[] lengthPrefixed(MuxCodec codec, byte[] annexB, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] nal : nalUnits(annexB)) {
            if (!headerNal(codec, type(codec, nal))) {
                for (int k = size - 1; k >= 0; k--) {
                    out.write(nal.length >> (8 * k));
                }
                out.writeBytes(nal);
            }
        }
        return out.toByteArray();
    }

    /** A decoder configuration record with the parameter sets of the keyframe {@code annexB}. */
    static byte[] config(MuxCodec codec, byte[] annexB, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<byte[]> sets = nalUnits(annexB).stream()
                .filter(n -> headerNal(codec, type(codec, n)) && type(codec, n) != (codec == MuxCodec.H265 ? 35 : 9))
                .toList();
        if (codec == MuxCodec.H264) {
            byte[] sps = sets.get(0);
            out.writeBytes(new byte[] {1, sps[1], sps[2], sps[3], (byte) (0xFC | (size - 1)), (byte) 0xE1});
            nal(out, sps);
            out.write(sets.size() - 1);
            sets.subList(1, sets.size()).forEach(n -> nal(out, n));
        } else {
            byte[] fixed = new byte[22];
            fixed[0] = 1;
            fixed[21] = (byte) (0x0C | (size - 1)); // constantFrameRate 0, numTemporalLayers 1, temporalIdNested 1
            out.writeBytes(fixed);
            out.write(sets.size());
            for (byte[] n : sets) {
                out.write(0x80 | type(codec, n));
                out.write(0);
                out.write(1);
                nal(out, n);
            }
        }
        return out.toByteArray();
    }

    private static void nal(ByteArrayOutputStream out, byte[] n) {
        out.write(n.length >> 8);
        out.write(n.length);
        out.writeBytes(n);
    }

    /** The AudioSpecificConfig an ADTS header describes. */
    static byte[] audioSpecificConfig(byte[] adts) {
        int aot = ((adts[2] & 0xFF) >> 6) + 1;
        int rate = (adts[2] >> 2) & 0x0F;
        int channels = ((adts[2] & 1) << 2) | ((adts[3] & 0xFF) >> 6);
        return new byte[] {(byte) ((aot << 3) | (rate >> 1)), (byte) (((rate & 1) << 7) | (channels << 3))};
    }
}
