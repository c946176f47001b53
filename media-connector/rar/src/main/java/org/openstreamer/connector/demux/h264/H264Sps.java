package org.openstreamer.connector.demux.h264;

import org.openstreamer.connector.demux.nal.RbspReader;

/**
 * The fields of an H.264 sequence parameter set (ITU-T H.264 7.3.2.1.1) that describe the picture.
 * {@link #width()} and {@link #height()} are the displayed size: coded macroblocks minus the frame
 * cropping rectangle, in luma samples.
 *
 * @param profileIdc      profile_idc (66 baseline, 77 main, 100 high, 244 high 4:4:4, ...)
 * @param levelIdc        level_idc, ten times the level number
 * @param chromaFormatIdc 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4
 * @param frameMbsOnly    false for interlaced-capable (field) coding
 */
public record H264Sps(int profileIdc, int levelIdc, int chromaFormatIdc, boolean frameMbsOnly, int width, int height,
                      int constraintFlags) {

    /** NAL unit type of a sequence parameter set. */
    public static final int NAL_SPS = 7;

    private static final int MAX_MBS = 1024; // 16384 luma samples each way

    /**
     * Parses an SPS NAL unit, {@code nal[off]} being its one-byte header.
     *
     * @return the SPS, or null when the bytes are not a well-formed SPS (truncated, out of range)
     */
    public static H264Sps parse(byte[] nal, int off, int len) {
        if (len < 4 || (nal[off] & 0x9F) != NAL_SPS) {
            return null;
        }
        RbspReader r = new RbspReader(nal, off + 1, len - 1);
        int profile = r.bits(8);
        int constraints = r.bits(8); // constraint_set0..5 flags, reserved_zero_2bits
        int level = r.bits(8);
        if (r.ue() > 31) { // seq_parameter_set_id
            return null;
        }
        int chroma = 1;
        boolean separateColourPlane = false;
        if (hasChromaInfo(profile)) {
            chroma = r.ue();
            if (chroma > 3) {
                return null;
            }
            if (chroma == 3) {
                separateColourPlane = r.flag();
            }
            r.ue(); // bit_depth_luma_minus8
            r.ue(); // bit_depth_chroma_minus8
            r.skip(1); // qpprime_y_zero_transform_bypass_flag
            if (r.flag()) { // seq_scaling_matrix_present_flag
                int lists = chroma == 3 ? 12 : 8;
                for (int i = 0; i < lists && !r.overrun(); i++) {
                    if (r.flag()) {
                        skipScalingList(r, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        r.ue(); // log2_max_frame_num_minus4
        int pocType = r.ue();
        if (pocType == 0) {
            r.ue(); // log2_max_pic_order_cnt_lsb_minus4
        } else if (pocType == 1) {
            r.skip(1); // delta_pic_order_always_zero_flag
            r.se(); // offset_for_non_ref_pic
            r.se(); // offset_for_top_to_bottom_field
            int cycle = r.ue();
            if (cycle > 255) {
                return null;
            }
            for (int i = 0; i < cycle && !r.overrun(); i++) {
                r.se();
            }
        } else if (pocType != 2) {
            return null;
        }
        r.ue(); // max_num_ref_frames
        r.skip(1); // gaps_in_frame_num_value_allowed_flag
        int widthMbs = r.ue() + 1;
        int heightMapUnits = r.ue() + 1;
        boolean frameMbsOnly = r.flag();
        if (!frameMbsOnly) {
            r.skip(1); // mb_adaptive_frame_field_flag
        }
        r.skip(1); // direct_8x8_inference_flag
        int cropLeft = 0;
        int cropRight = 0;
        int cropTop = 0;
        int cropBottom = 0;
        if (r.flag()) {
            cropLeft = r.ue();
            cropRight = r.ue();
            cropTop = r.ue();
            cropBottom = r.ue();
        }
        if (r.overrun() || widthMbs > MAX_MBS || heightMapUnits > MAX_MBS) {
            return null;
        }
        int fieldFactor = frameMbsOnly ? 1 : 2;
        int chromaArrayType = separateColourPlane ? 0 : chroma;
        int cropUnitX = chromaArrayType == 1 || chromaArrayType == 2 ? 2 : 1;
        int cropUnitY = (chromaArrayType == 1 ? 2 : 1) * fieldFactor;
        long width = widthMbs * 16L - (long) cropUnitX * ((long) cropLeft + cropRight);
        long height = heightMapUnits * 16L * fieldFactor - (long) cropUnitY * ((long) cropTop + cropBottom);
        if (width <= 0 || height <= 0) {
            return null;
        }
        return new H264Sps(profile, level, chroma, frameMbsOnly, (int) width, (int) height, constraints);
    }

    /** The RFC 6381 codec string HLS playlists carry in CODECS: {@code avc1.PPCCLL} (profile, constraints, level in hex). */
    public String codecs() {
        return String.format("avc1.%02X%02X%02X", profileIdc, constraintFlags, levelIdc);
    }

    /** Profiles whose SPS carries chroma_format_idc, bit depths and scaling matrices. */
    static boolean hasChromaInfo(int profile) {
        return switch (profile) {
            case 100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135 -> true;
            default -> false;
        };
    }

    private static void skipScalingList(RbspReader r, int size) {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size && !r.overrun(); j++) {
            if (next != 0) {
                next = (last + r.se() + 256) % 256;
            }
            last = next == 0 ? last : next;
        }
    }
}
