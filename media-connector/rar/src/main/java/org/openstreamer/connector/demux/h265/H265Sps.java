package org.openstreamer.connector.demux.h265;

import org.openstreamer.connector.demux.nal.RbspReader;

/**
 * The fields of an H.265 sequence parameter set (ITU-T H.265 7.3.2.2) that describe the picture.
 * {@link #width()} and {@link #height()} are the displayed size: the coded size minus the
 * conformance window, in luma samples.
 *
 * @param profileIdc      general_profile_idc (1 Main, 2 Main 10, 4 range extensions, ...)
 * @param tierHigh        general_tier_flag
 * @param levelIdc        general_level_idc, thirty times the level number
 * @param chromaFormatIdc 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4
 */
public record H265Sps(int profileIdc, boolean tierHigh, int levelIdc, int chromaFormatIdc, int width, int height,
                      int profileSpace, int compatibilityFlags, long constraintFlags) {

    /** NAL unit type of a sequence parameter set. */
    public static final int NAL_SPS = 33;

    private static final int MAX_SIZE = 16888; // level 6.2 limit of sqrt(MaxLumaPs * 8)

    /**
     * Parses an SPS NAL unit, {@code nal[off]} being the first of its two header bytes. Only
     * base-layer SPSs (nuh_layer_id 0) are accepted.
     *
     * @return the SPS, or null when the bytes are not a well-formed base-layer SPS
     */
    public static H265Sps parse(byte[] nal, int off, int len) {
        if (len < 16 || ((nal[off] >> 1) & 0x3F) != NAL_SPS || (nal[off] & 0x80) != 0) {
            return null;
        }
        int layerId = ((nal[off] & 1) << 5) | ((nal[off + 1] & 0xFF) >> 3);
        if (layerId != 0) {
            return null;
        }
        RbspReader r = new RbspReader(nal, off + 2, len - 2);
        r.skip(4); // sps_video_parameter_set_id
        int maxSubLayersMinus1 = r.bits(3);
        if (maxSubLayersMinus1 > 6) {
            return null;
        }
        r.skip(1); // sps_temporal_id_nesting_flag
        // profile_tier_level(1, sps_max_sub_layers_minus1)
        int space = r.bits(2); // general_profile_space
        boolean tier = r.flag();
        int profile = r.bits(5);
        int compatibility = (r.bits(16) << 16) | r.bits(16); // general_profile_compatibility_flag[32]
        long constraints = ((long) r.bits(16) << 32) | ((long) r.bits(16) << 16) | r.bits(16); // progressive ... 44 constraint bits
        int level = r.bits(8);
        boolean[] subProfile = new boolean[maxSubLayersMinus1];
        boolean[] subLevel = new boolean[maxSubLayersMinus1];
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            subProfile[i] = r.flag();
            subLevel[i] = r.flag();
        }
        if (maxSubLayersMinus1 > 0) {
            r.skip(2 * (8 - maxSubLayersMinus1)); // reserved_zero_2bits
        }
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            if (subProfile[i]) {
                r.skip(88);
            }
            if (subLevel[i]) {
                r.skip(8);
            }
        }
        if (r.ue() > 15) { // sps_seq_parameter_set_id
            return null;
        }
        int chroma = r.ue();
        if (chroma > 3) {
            return null;
        }
        boolean separateColourPlane = chroma == 3 && r.flag();
        int codedWidth = r.ue();
        int codedHeight = r.ue();
        int left = 0;
        int right = 0;
        int top = 0;
        int bottom = 0;
        if (r.flag()) { // conformance_window_flag
            left = r.ue();
            right = r.ue();
            top = r.ue();
            bottom = r.ue();
        }
        if (r.overrun() || codedWidth > MAX_SIZE || codedHeight > MAX_SIZE) {
            return null;
        }
        int chromaArrayType = separateColourPlane ? 0 : chroma;
        int subWidth = chromaArrayType == 1 || chromaArrayType == 2 ? 2 : 1;
        int subHeight = chromaArrayType == 1 ? 2 : 1;
        long width = codedWidth - (long) subWidth * ((long) left + right);
        long height = codedHeight - (long) subHeight * ((long) top + bottom);
        if (width <= 0 || height <= 0) {
            return null;
        }
        return new H265Sps(profile, tier, level, chroma, (int) width, (int) height, space, compatibility, constraints);
    }

    /**
     * The RFC 6381 codec string HLS playlists carry in CODECS (ISO/IEC 14496-15 annex E):
     * {@code hvc1.[A-C]PROFILE.COMPAT.TIERLEVEL.CONSTRAINTS}, the compatibility flags bit-reversed in
     * hex, the constraint bytes in hex with trailing zero bytes left out.
     */
    public String codecs() {
        StringBuilder sb = new StringBuilder("hvc1.");
        if (profileSpace > 0) {
            sb.append((char) ('A' + profileSpace - 1));
        }
        sb.append(profileIdc).append('.').append(Integer.toHexString(Integer.reverse(compatibilityFlags)).toUpperCase())
                .append('.').append(tierHigh ? 'H' : 'L').append(levelIdc);
        int last = 5;
        while (last >= 0 && ((constraintFlags >>> (8 * (5 - last))) & 0xFF) == 0) {
            last--;
        }
        for (int i = 0; i <= last; i++) {
            sb.append('.').append(Integer.toHexString((int) ((constraintFlags >>> (8 * (5 - i))) & 0xFF)).toUpperCase());
        }
        return sb.toString();
    }
}
