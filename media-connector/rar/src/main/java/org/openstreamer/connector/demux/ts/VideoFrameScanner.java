package org.openstreamer.connector.demux.ts;

/**
 * Scans the start of a video PES for Annex-B start codes (ISO/IEC 14496-10 Annex B), byte by
 * byte and across packet boundaries, until the first slice of a picture: its NAL type tells
 * whether the access unit is a keyframe. Sequence parameter sets met on the way are captured
 * (up to a fixed size) and handed to the {@link SpsSink} when they end.
 * <p>
 * H.264: slices are NAL types 1..5, 5 is IDR; first_mb_in_slice == 0 (a leading '1' bit) marks
 * the first slice of a picture. H.265: slices are 0..31, IRAP 16..23; the first bit after the
 * two-byte header is first_slice_segment_in_pic_flag.
 * <p>
 * States: SCAN (looking for 00 00 01), HEADER and HEADER2 (the next byte(s) are a NAL header),
 * SLICE (the next byte is the first of a slice header), DONE. SPS capture runs alongside SCAN.
 */
final class VideoFrameScanner {

    /** Receives a complete SPS NAL unit, header included; {@code nal} is reused afterwards. */
    interface SpsSink {
        void sps(byte[] nal, int length);
    }

    /** {@link #scan} result while no first slice has been found yet. */
    static final int NONE = -1;
    static final int SPS_CAPACITY = 1024;

    private enum State { SCAN, HEADER, HEADER2, SLICE, DONE }

    private final boolean hevc;
    private final SpsSink sink;
    private final byte[] sps = new byte[SPS_CAPACITY];
    private int spsLength;
    private boolean capturing;
    private State state = State.SCAN;
    private int zeros;
    private int nalType;
    private int header0;

    VideoFrameScanner(boolean hevc, SpsSink sink) {
        this.hevc = hevc;
        this.sink = sink;
    }

    /** A new PES: start from scratch (the PES payload should begin with a start code). */
    void reset() {
        state = State.SCAN;
        zeros = 0;
        capturing = false;
    }

    /** The PES ended: an SPS still being captured is complete. */
    void finish() {
        endSps(0);
        state = State.DONE;
    }

    /**
     * Scans {@code a[from .. to)}.
     *
     * @return the NAL type of the first slice of a picture once found (and scanning stops for
     *         this PES), or {@link #NONE}
     */
    int scan(byte[] a, int from, int to) {
        for (int i = from; i < to && state != State.DONE; i++) {
            int b = a[i] & 0xFF;
            if (capturing && spsLength < SPS_CAPACITY) {
                sps[spsLength++] = (byte) b;
            }
            switch (state) {
                case SCAN -> {
                    if (b == 0) {
                        zeros++;
                    } else {
                        if (b == 1 && zeros >= 2) {
                            endSps(zeros + 1); // a NAL unit never ends in 0x00: all the zeros go
                            state = State.HEADER;
                        }
                        zeros = 0;
                    }
                }
                case HEADER -> {
                    if ((b & 0x80) != 0) {
                        state = State.SCAN; // forbidden_zero_bit: not a NAL unit
                    } else {
                        nalType = hevc ? (b >> 1) & 0x3F : b & 0x1F;
                        header0 = b;
                        state = hevc ? State.HEADER2 : afterHeader(b);
                    }
                    zeros = b == 0 ? 1 : 0;
                }
                case HEADER2 -> {
                    state = afterHeader(b);
                    zeros = b == 0 ? 1 : 0;
                }
                case SLICE -> {
                    if ((b & 0x80) != 0) {
                        state = State.DONE;
                        return nalType;
                    }
                    state = State.SCAN; // a later slice of the picture
                    zeros = b == 0 ? 1 : 0;
                }
                default -> {
                }
            }
        }
        return NONE;
    }

    private State afterHeader(int lastHeaderByte) {
        if (hevc ? nalType < 32 : nalType >= 1 && nalType <= 5) {
            return State.SLICE;
        }
        if (nalType == (hevc ? 33 : 7)) {
            capturing = true;
            spsLength = 0;
            if (hevc) {
                sps[spsLength++] = (byte) header0;
            }
            sps[spsLength++] = (byte) lastHeaderByte;
        }
        return State.SCAN;
    }

    /** Ends a capture in progress; {@code trailing} bytes of the next start code were captured too. */
    private void endSps(int trailing) {
        if (!capturing) {
            return;
        }
        capturing = false;
        int length = spsLength < SPS_CAPACITY ? Math.max(0, spsLength - trailing) : spsLength;
        sink.sps(sps, length);
    }
}
