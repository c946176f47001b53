package org.openstreamer.connector.mux.ts;

/**
 * The muxer's output staging: packets are written in place into one fixed buffer, which goes to
 * the sink when full and at the end of each access unit, so the sink sees few, large calls.
 */
final class PacketOut {

    static final int SIZE = 188;
    private static final int PACKETS = 64;

    private final TsPacketSink sink;
    private final byte[] buf = new byte[SIZE * PACKETS];
    private int used;

    PacketOut(TsPacketSink sink) {
        this.sink = sink;
    }

    byte[] buffer() {
        return buf;
    }

    /** Offset of the next packet to write in {@link #buffer()}; it counts as written. */
    int next() {
        if (used == buf.length) {
            flush();
        }
        int p = used;
        used += SIZE;
        return p;
    }

    void flush() {
        if (used > 0) {
            int n = used;
            used = 0;
            sink.packets(buf, 0, n);
        }
    }
}
