package org.openstreamer.connector.mux.ts;

/**
 * Reads an HEVCDecoderConfigurationRecord (ISO/IEC 14496-15 8.3.3.1): length size and the VPS,
 * SPS and PPS arrays; other arrays (SEI) are skipped.
 */
final class HevcConfig {

    private static final int FIXED = 22;
    private static final int VPS = 32;
    private static final int PPS = 34;

    private HevcConfig() {
    }

    static VideoConfig parse(byte[] record) {
        if (record == null || record.length < FIXED + 1 || record[0] != 1) {
            throw new IllegalArgumentException("not an HEVCDecoderConfigurationRecord (version 1)");
        }
        int lengthSize = (record[21] & 0x03) + 1;
        VideoConfig.Builder b = new VideoConfig.Builder(record, FIXED);
        int arrays = b.u8();
        for (int i = 0; i < arrays; i++) {
            int type = b.u8() & 0x3F;
            int count = b.u16();
            for (int k = 0; k < count; k++) {
                b.nalUnit(type >= VPS && type <= PPS);
            }
        }
        return b.build(lengthSize);
    }
}
