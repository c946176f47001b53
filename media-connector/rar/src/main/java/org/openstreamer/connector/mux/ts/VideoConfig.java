package org.openstreamer.connector.mux.ts;

import java.io.ByteArrayOutputStream;

/**
 * What the muxer needs from a video sequence header: the size of the NAL unit length prefix and
 * the parameter sets as an Annex B block, written before every keyframe that lacks them.
 *
 * @param lengthSize    bytes of each NAL unit length prefix: 1, 2 or 4
 * @param parameterSets VPS (H.265), SPS and PPS, each after a 4-byte start code
 */
record VideoConfig(int lengthSize, byte[] parameterSets) {

    /** Parses the record for {@code codec}; throws {@link IllegalArgumentException} when it is malformed. */
    static VideoConfig parse(MuxCodec codec, byte[] record) {
        return codec == MuxCodec.H265 ? HevcConfig.parse(record) : AvcConfig.parse(record);
    }

    /** Collects parameter sets read from a record, bounds-checked. */
    static final class Builder {
        private final byte[] record;
        private final ByteArrayOutputStream sets = new ByteArrayOutputStream();
        private int pos;

        Builder(byte[] record, int pos) {
            this.record = record;
            this.pos = pos;
        }

        int u8() {
            need(1);
            return record[pos++] & 0xFF;
        }

        int u16() {
            return (u8() << 8) | u8();
        }

        /** A 16-bit length and that many bytes of NAL unit; kept if {@code keep}. */
        void nalUnit(boolean keep) {
            int length = u16();
            need(length);
            if (keep && length > 0) {
                sets.write(0);
                sets.write(0);
                sets.write(0);
                sets.write(1);
                sets.write(record, pos, length);
            }
            pos += length;
        }

        VideoConfig build(int lengthSize) {
            if (lengthSize == 3) {
                throw new IllegalArgumentException("NAL unit length size 3 is not allowed");
            }
            if (sets.size() == 0) {
                throw new IllegalArgumentException("decoder configuration record without parameter sets");
            }
            return new VideoConfig(lengthSize, sets.toByteArray());
        }

        private void need(int n) {
            if (pos + n > record.length) {
                throw new IllegalArgumentException("decoder configuration record truncated at byte " + pos);
            }
        }
    }
}
