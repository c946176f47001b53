package org.openstreamer.connector.mux.ts;

/** Reads an AVCDecoderConfigurationRecord (ISO/IEC 14496-15 5.3.3.1): length size, SPS and PPS. */
final class AvcConfig {

    private AvcConfig() {
    }

    static VideoConfig parse(byte[] record) {
        if (record == null || record.length < 7 || record[0] != 1) {
            throw new IllegalArgumentException("not an AVCDecoderConfigurationRecord (version 1)");
        }
        VideoConfig.Builder b = new VideoConfig.Builder(record, 4);
        int lengthSize = (b.u8() & 0x03) + 1;
        int sps = b.u8() & 0x1F;
        for (int i = 0; i < sps; i++) {
            b.nalUnit(true);
        }
        int pps = b.u8();
        for (int i = 0; i < pps; i++) {
            b.nalUnit(true);
        }
        return b.build(lengthSize);
    }
}
