package org.openstreamer.connector.ingest.rtsp;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * H.264 over RTP (RFC 6184) in its non-interleaved mode: single NAL unit packets, STAP-A
 * aggregates and FU-A fragments. STAP-B, MTAP and FU-B (interleaved mode only) are refused as
 * damage. Parameter sets come from {@code sprop-parameter-sets}.
 */
final class H264Depacketizer extends NalDepacketizer {

    private static final int STAP_A = 24;
    private static final int FU_A = 28;
    private final byte[] header = new byte[1];

    H264Depacketizer(Sink sink, byte[][] parameterSets) {
        super(sink, parameterSets);
    }

    /** For the {@code a=fmtp} of a track. @throws RtspProtocolException for malformed base64 */
    static H264Depacketizer of(Map<String, String> fmtp, Sink sink) throws RtspProtocolException {
        String mode = fmtp.getOrDefault("packetization-mode", "0").trim();
        if (mode.equals("2")) {
            throw new RtspProtocolException("H.264 interleaved packetization (mode 2) is not supported");
        }
        return new H264Depacketizer(sink, sprop(fmtp.get("sprop-parameter-sets")));
    }

    /** Comma-separated base64 NAL units (one fmtp value), or none. */
    static byte[][] sprop(String... values) throws RtspProtocolException {
        List<byte[]> out = new ArrayList<>();
        for (String v : values) {
            if (v == null || v.isBlank()) {
                continue;
            }
            for (String s : v.split(",")) {
                if (s.isBlank()) {
                    continue;
                }
                try {
                    byte[] nal = Base64.getDecoder().decode(s.trim());
                    if (nal.length > 0) {
                        out.add(nal);
                    }
                } catch (IllegalArgumentException e) {
                    throw new RtspProtocolException("malformed parameter set in the SDP (not base64): " + s.trim());
                }
            }
        }
        return out.toArray(new byte[0][]);
    }

    @Override
    int nalType(byte first) {
        return first & 0x1F;
    }

    @Override
    boolean isKeyframe(int nalType) {
        return nalType == 5;
    }

    @Override
    boolean isParameterSet(int nalType) {
        return nalType == 7;
    }

    @Override
    boolean isAnySet(int nalType) {
        return nalType == 7 || nalType == 8;
    }

    @Override
    int delimiterType() {
        return 9;
    }

    @Override
    boolean isPicture(int nalType) {
        return nalType >= 1 && nalType <= 5;
    }

    @Override
    void depacketize(byte[] buf, int off, int len) {
        int type = buf[off] & 0x1F;
        if (type >= 1 && type <= 23) {
            nal(buf, off, len);
        } else if (type == STAP_A) {
            aggregated(buf, off + 1, off + len, 1);
        } else if (type == FU_A) {
            if (len < 3) {
                damage();
                return;
            }
            int fu = buf[off + 1] & 0xFF;
            header[0] = (byte) ((buf[off] & 0xE0) | (fu & 0x1F));
            fragmentUnit(header, (fu & 0x80) != 0, (fu & 0x40) != 0, buf, off + 2, len - 2);
        } else {
            damage(); // 0, 30, 31 reserved; STAP-B, MTAP16/24, FU-B belong to the interleaved mode
        }
    }
}
