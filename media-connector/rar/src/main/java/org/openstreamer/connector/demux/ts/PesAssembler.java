package org.openstreamer.connector.demux.ts;

/**
 * Follows the PES packets of one PID (ISO/IEC 13818-1 2.4.3.6) across TS packet payloads without
 * holding their data: the header (at most 9 + 255 bytes) is gathered into a fixed buffer, its
 * PTS/DTS read, and the payload is handed to the {@link Handler} packet by packet. The size cap
 * is checked against PES_packet_length as soon as the header is read, and against the running
 * total for unbounded (length 0) video PES.
 * <p>
 * States: SKIP (no PES open: before the first payload_unit_start, after an error, after a
 * bounded PES is complete), HEADER, PAYLOAD.
 */
final class PesAssembler {

    /** What the assembler reports, on the feeding thread. */
    interface Handler {
        /** A PES header was read; timestamps are raw 33-bit values, -1 when absent. */
        void pesStart(long packetIndex, long pts, long dts);

        /** Payload bytes of the open PES, {@code a[from .. to)}. */
        void pesPayload(byte[] a, int from, int to);

        /** The open PES ended: complete, cut by the next PES, or dropped (lost packets, oversize). */
        void pesEnd();
    }

    private enum State { SKIP, HEADER, PAYLOAD }

    private static final int FIXED_HEADER = 9;
    private static final int NO_TIMESTAMP = -1;

    private final Handler handler;
    private final DemuxCounters counters;
    private final int maxPayload;
    private final byte[] header = new byte[FIXED_HEADER + 255];
    private State state = State.SKIP;
    private int headerLength;
    private int headerNeed;
    private long packetIndex;
    private boolean bounded;
    private int remaining;
    private long payloadBytes;

    PesAssembler(Handler handler, DemuxCounters counters, int maxPayload) {
        this.handler = handler;
        this.counters = counters;
        this.maxPayload = maxPayload;
    }

    /** Drops the open PES, if any, until the next payload_unit_start (a packet was lost). */
    void abort() {
        if (state == State.PAYLOAD) {
            handler.pesEnd();
        }
        state = State.SKIP;
    }

    /** One TS packet's payload {@code a[from .. to)} on this PID. */
    void payload(byte[] a, int from, int to, boolean unitStart, long packetIndex) {
        if (unitStart) {
            if (state == State.PAYLOAD) {
                handler.pesEnd();
            } else if (state == State.HEADER) {
                counters.pesErrors++; // a header cut short by the next PES
            }
            state = State.HEADER;
            headerLength = 0;
            headerNeed = 6;
            this.packetIndex = packetIndex;
        } else if (state == State.SKIP) {
            return;
        }
        int p = from;
        if (state == State.HEADER) {
            p = readHeader(a, p, to);
        }
        if (state == State.PAYLOAD && p < to) {
            int n = bounded ? Math.min(to - p, remaining) : to - p;
            payloadBytes += n;
            if (payloadBytes > maxPayload) {
                counters.oversizePes++;
                abort();
                return;
            }
            handler.pesPayload(a, p, p + n);
            if (bounded) {
                remaining -= n;
                if (remaining == 0) {
                    handler.pesEnd();
                    state = State.SKIP;
                }
            }
        }
    }

    /** Gathers header bytes; moves to PAYLOAD (or SKIP on bad input). Returns the position reached. */
    private int readHeader(byte[] a, int from, int to) {
        int p = from;
        while (state == State.HEADER && p < to) {
            int n = Math.min(headerNeed - headerLength, to - p);
            System.arraycopy(a, p, header, headerLength, n);
            headerLength += n;
            p += n;
            if (headerLength < headerNeed) {
                break;
            }
            if (headerNeed == 6) {
                if (header[0] != 0 || header[1] != 0 || header[2] != 1) {
                    counters.pesErrors++;
                    state = State.SKIP;
                } else if (!hasOptionalHeader(header[3] & 0xFF)) {
                    state = State.SKIP; // padding, private_stream_2, ECM...: no elementary data for us
                } else {
                    headerNeed = FIXED_HEADER;
                }
            } else if (headerNeed == FIXED_HEADER) {
                if ((header[6] & 0xC0) != 0x80) {
                    counters.pesErrors++;
                    state = State.SKIP;
                } else {
                    headerNeed = FIXED_HEADER + (header[8] & 0xFF);
                }
            }
            if (state == State.HEADER && headerNeed >= FIXED_HEADER && headerLength == headerNeed) {
                startPayload();
            }
        }
        return p;
    }

    private void startPayload() {
        int pesLength = ((header[4] & 0xFF) << 8) | (header[5] & 0xFF);
        bounded = pesLength != 0;
        remaining = pesLength - 3 - (header[8] & 0xFF);
        if (bounded && remaining < 0) {
            counters.pesErrors++;
            state = State.SKIP;
            return;
        }
        if (bounded && remaining > maxPayload) {
            counters.oversizePes++;
            state = State.SKIP;
            return;
        }
        long pts = NO_TIMESTAMP;
        long dts = NO_TIMESTAMP;
        int flags = (header[7] >> 6) & 3;
        int dataLength = header[8] & 0xFF;
        if ((flags & 2) != 0 && dataLength >= 5) {
            pts = timestamp(header, FIXED_HEADER);
            dts = flags == 3 && dataLength >= 10 ? timestamp(header, FIXED_HEADER + 5) : pts;
        }
        payloadBytes = 0;
        state = State.PAYLOAD;
        handler.pesStart(packetIndex, pts, dts);
        if (bounded && remaining == 0) {
            handler.pesEnd();
            state = State.SKIP;
        }
    }

    /** A 33-bit PTS or DTS from its 5-byte field (marker bits ignored). */
    static long timestamp(byte[] b, int off) {
        return ((long) ((b[off] >> 1) & 0x07) << 30)
                | ((long) (b[off + 1] & 0xFF) << 22)
                | ((long) ((b[off + 2] >> 1) & 0x7F) << 15)
                | ((long) (b[off + 3] & 0xFF) << 7)
                | ((b[off + 4] >> 1) & 0x7F);
    }

    /** stream_ids whose PES carry the optional header with flags and timestamps (Table 2-21). */
    static boolean hasOptionalHeader(int streamId) {
        return switch (streamId) {
            case 0xBC, 0xBE, 0xBF, 0xF0, 0xF1, 0xF2, 0xF8, 0xFF -> false;
            default -> streamId >= 0xBC;
        };
    }
}
