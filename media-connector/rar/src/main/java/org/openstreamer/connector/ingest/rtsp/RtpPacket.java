package org.openstreamer.connector.ingest.rtsp;

/**
 * The fixed RTP header (RFC 3550 5.1) of the packet last given to {@link #parse}: one instance per
 * connection, reused for every packet, so reading RTP allocates nothing.
 */
public final class RtpPacket {

    private int sequence;
    private long timestamp;
    private boolean marker;
    private int payloadType;
    private int payloadOffset;
    private int payloadLength;

    /**
     * Reads the header of {@code buf[off .. off+len)}; false (and nothing set) for what is not a
     * well-formed RTP packet: version other than 2, CSRC list, extension or padding running past its end.
     */
    public boolean parse(byte[] buf, int off, int len) {
        if (len < 12 || (buf[off] & 0xC0) != 0x80) {
            return false;
        }
        int b0 = buf[off] & 0xFF;
        int p = 12 + 4 * (b0 & 0x0F);
        if ((b0 & 0x10) != 0) { // header extension: 4 bytes, then its length in 32-bit words
            if (len < p + 4) {
                return false;
            }
            p += 4 + 4 * ((buf[off + p + 2] & 0xFF) << 8 | (buf[off + p + 3] & 0xFF));
        }
        int end = len;
        if ((b0 & 0x20) != 0) { // padding: its count in the last byte
            int pad = buf[off + len - 1] & 0xFF;
            if (pad == 0) {
                return false;
            }
            end -= pad;
        }
        if (end < p) {
            return false;
        }
        marker = (buf[off + 1] & 0x80) != 0;
        payloadType = buf[off + 1] & 0x7F;
        sequence = (buf[off + 2] & 0xFF) << 8 | (buf[off + 3] & 0xFF);
        timestamp = ((long) (buf[off + 4] & 0xFF) << 24) | (buf[off + 5] & 0xFF) << 16 | (buf[off + 6] & 0xFF) << 8
                | (buf[off + 7] & 0xFF);
        payloadOffset = off + p;
        payloadLength = end - p;
        return true;
    }

    public int sequence() {
        return sequence;
    }

    /** The 32-bit timestamp, unsigned. */
    public long timestamp() {
        return timestamp;
    }

    public boolean marker() {
        return marker;
    }

    public int payloadType() {
        return payloadType;
    }

    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadLength() {
        return payloadLength;
    }
}
