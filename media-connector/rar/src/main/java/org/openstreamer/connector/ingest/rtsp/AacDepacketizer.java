package org.openstreamer.connector.ingest.rtsp;

import java.util.HexFormat;
import java.util.Map;

/**
 * AAC over RTP in the {@code mpeg4-generic} format (RFC 3640), modes AAC-hbr and AAC-lbr: a 16-bit
 * AU-headers-length, AU headers of {@code sizelength} + {@code indexlength}/{@code indexdeltalength}
 * bits, then the raw frames. Several frames in one packet follow each other by 1024 samples; one
 * frame split over several packets is put together again. Frames come out raw, described by the
 * AudioSpecificConfig from {@code config=}.
 */
final class AacDepacketizer implements RtpDepacketizer {

    /** AAC frames are 1024 samples (960-sample frames are not used by RTSP cameras). */
    static final int SAMPLES_PER_FRAME = 1024;
    private static final int MAX_FRAME = 8191;

    private final Sink sink;
    private final int sizeLength;
    private final int indexLength;
    private final int indexDeltaLength;
    private final byte[] frame = new byte[MAX_FRAME];
    /** A frame being put together from fragments: its size, and how much has come. */
    private int fragmentSize;
    private int fragmentHave;
    private long fragmentTimestamp;
    private long dropped;

    AacDepacketizer(Sink sink, int sizeLength, int indexLength, int indexDeltaLength) {
        this.sink = sink;
        this.sizeLength = sizeLength;
        this.indexLength = indexLength;
        this.indexDeltaLength = indexDeltaLength;
    }

    /** @throws RtspProtocolException for a mode or header layout this client does not read */
    static AacDepacketizer of(Map<String, String> fmtp, Sink sink) throws RtspProtocolException {
        String mode = fmtp.getOrDefault("mode", "");
        if (!mode.equalsIgnoreCase("AAC-hbr") && !mode.equalsIgnoreCase("AAC-lbr")) {
            throw new RtspProtocolException("mpeg4-generic mode \"" + mode + "\" is not supported (AAC-hbr and AAC-lbr are)");
        }
        int size = integer(fmtp, "sizelength");
        int index = integer(fmtp, "indexlength");
        int delta = integer(fmtp, "indexdeltalength");
        if (size < 1 || size > 16 || index < 0 || index > 8 || delta < 0 || delta > 8) {
            throw new RtspProtocolException("unusable AU header layout in the SDP: sizelength " + size
                    + ", indexlength " + index + ", indexdeltalength " + delta);
        }
        return new AacDepacketizer(sink, size, index, delta);
    }

    /** The AudioSpecificConfig of {@code config=}. @throws RtspProtocolException when absent or not hex */
    static byte[] config(Map<String, String> fmtp) throws RtspProtocolException {
        String hex = fmtp.get("config");
        try {
            byte[] asc = HexFormat.of().parseHex(hex == null ? "" : hex.trim());
            if (asc.length < 2) {
                throw new IllegalArgumentException();
            }
            return asc;
        } catch (IllegalArgumentException e) {
            throw new RtspProtocolException("the SDP gives no usable AAC config (AudioSpecificConfig): " + hex);
        }
    }

    private static int integer(Map<String, String> fmtp, String key) throws RtspProtocolException {
        String v = fmtp.get(key);
        try {
            return v == null ? 0 : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new RtspProtocolException("malformed " + key + " in the SDP: " + v);
        }
    }

    @Override
    public void payload(byte[] buf, int off, int len, long ts, boolean marker, boolean lossBefore) {
        if (lossBefore && fragmentSize > 0) {
            dropFragment();
        }
        if (len < 2) {
            dropped++;
            return;
        }
        int headerBits = (buf[off] & 0xFF) << 8 | (buf[off + 1] & 0xFF);
        int headerBytes = (headerBits + 7) / 8;
        int data = off + 2 + headerBytes;
        int end = off + len;
        if (headerBits == 0 || data > end) {
            dropped++;
            dropFragment();
            return;
        }
        long bitPos = (long) (off + 2) * 8;
        long bitEnd = bitPos + headerBits;
        int n = 0;
        while (bitPos + sizeLength <= bitEnd) {
            int size = (int) bits(buf, bitPos, sizeLength);
            bitPos += sizeLength + (n == 0 ? indexLength : indexDeltaLength);
            if (bitPos > bitEnd) {
                break;
            }
            if (size == 0 || size > MAX_FRAME) {
                dropped++;
                dropFragment();
                return;
            }
            int have = end - data;
            if (fragmentSize > 0) { // the rest of a split frame: one AU header with the whole frame's size
                if (size != fragmentSize || ts != fragmentTimestamp || have > size - fragmentHave) {
                    dropFragment();
                    dropped++;
                    return;
                }
                System.arraycopy(buf, data, frame, fragmentHave, have);
                fragmentHave += have;
                if (fragmentHave == fragmentSize) {
                    fragmentSize = 0;
                    sink.unit(ts, true, frame, 0, fragmentHave);
                }
                return;
            }
            if (size > have) {
                if (n == 0 && bitPos + sizeLength > bitEnd) { // the first part of a split frame
                    System.arraycopy(buf, data, frame, 0, have);
                    fragmentSize = size;
                    fragmentHave = have;
                    fragmentTimestamp = ts;
                    return;
                }
                dropped++; // a frame that overruns the packet
                return;
            }
            sink.unit(ts + (long) n * SAMPLES_PER_FRAME, true, buf, data, size);
            data += size;
            n++;
        }
    }

    private void dropFragment() {
        if (fragmentSize > 0) {
            dropped++;
        }
        fragmentSize = 0;
        fragmentHave = 0;
    }

    /** {@code count} bits (≤ 32) at bit position {@code pos}, big-endian. */
    private static long bits(byte[] buf, long pos, int count) {
        long v = 0;
        for (int i = 0; i < count; i++) {
            long p = pos + i;
            v = v << 1 | ((buf[(int) (p >>> 3)] >> (7 - (p & 7))) & 1);
        }
        return v;
    }

    @Override
    public long dropped() {
        return dropped;
    }
}
