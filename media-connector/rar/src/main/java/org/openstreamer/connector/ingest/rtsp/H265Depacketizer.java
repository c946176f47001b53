package org.openstreamer.connector.ingest.rtsp;

import java.util.Map;

/**
 * H.265 over RTP (RFC 7798) without decoding-order numbers: single NAL unit packets, aggregation
 * packets and fragmentation units; PACI packets are refused as damage. Parameter sets come from
 * {@code sprop-vps}, {@code sprop-sps} and {@code sprop-pps}.
 */
final class H265Depacketizer extends NalDepacketizer {

    private static final int AP = 48;
    private static final int FU = 49;
    private final byte[] header = new byte[2];

    H265Depacketizer(Sink sink, byte[][] parameterSets) {
        super(sink, parameterSets);
    }

    /** @throws RtspProtocolException for malformed base64, or a stream that carries decoding-order numbers */
    static H265Depacketizer of(Map<String, String> fmtp, Sink sink) throws RtspProtocolException {
        String don = fmtp.getOrDefault("sprop-max-don-diff", "0").trim();
        if (!don.equals("0")) {
            throw new RtspProtocolException("H.265 with decoding-order numbers (sprop-max-don-diff " + don + ") is not supported");
        }
        return new H265Depacketizer(sink, H264Depacketizer.sprop(fmtp.get("sprop-vps"), fmtp.get("sprop-sps"),
                fmtp.get("sprop-pps")));
    }

    @Override
    int nalType(byte first) {
        return (first >> 1) & 0x3F;
    }

    @Override
    boolean isKeyframe(int nalType) {
        return nalType >= 16 && nalType <= 21; // IRAP: BLA, IDR, CRA
    }

    @Override
    boolean isParameterSet(int nalType) {
        return nalType == 33;
    }

    @Override
    boolean isAnySet(int nalType) {
        return nalType >= 32 && nalType <= 34;
    }

    @Override
    int delimiterType() {
        return 35;
    }

    @Override
    boolean isPicture(int nalType) {
        return nalType <= 31;
    }

    @Override
    void depacketize(byte[] buf, int off, int len) {
        if (len < 3) {
            damage();
            return;
        }
        int type = nalType(buf[off]);
        if (type < AP) {
            nal(buf, off, len);
        } else if (type == AP) {
            aggregated(buf, off + 2, off + len, 2);
        } else if (type == FU) {
            int fu = buf[off + 2] & 0xFF;
            header[0] = (byte) ((buf[off] & 0x81) | (fu & 0x3F) << 1);
            header[1] = buf[off + 1];
            fragmentUnit(header, (fu & 0x80) != 0, (fu & 0x40) != 0, buf, off + 3, len - 3);
        } else {
            damage(); // PACI (50) and reserved types
        }
    }
}
