package org.openstreamer.connector.demux.ts;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * TS packet and PSI field access for the stages after the demuxer (packagers reducing a program
 * to a variant), so that TS header layout is known in this package only. Everything works in
 * place on stored packets and the PAT/PMT packets the demuxer handed over; nothing allocates.
 */
public final class TsPackets {

    public static final int SIZE = TsPacket.SIZE;
    public static final int PAT_PID = TsPacket.PAT_PID;
    public static final int NULL_PID = TsPacket.NULL_PID;
    public static final int PID_COUNT = TsPacket.PID_COUNT;
    /** PCRs count modulo 2^33 x 300 ticks of 27 MHz (about 26.5 hours). */
    public static final long PCR_WRAP = (1L << 33) * 300;

    private TsPackets() {
    }

    public static int pid(byte[] a, int p) {
        return TsPacket.pid(a, p);
    }

    public static int pid(ByteBuffer b, int p) {
        return ((b.get(p + 1) & 0x1F) << 8) | (b.get(p + 2) & 0xFF);
    }

    public static boolean unitStart(byte[] a, int p) {
        return TsPacket.payloadUnitStart(a, p);
    }

    /** Whether the packet's adaptation field carries a PCR. */
    public static boolean hasPcr(byte[] a, int p) {
        return TsPacket.hasAdaptationField(a, p) && (a[p + 4] & 0xFF) >= 7 && (a[p + 5] & 0x10) != 0;
    }

    /** The PCR of a packet that {@link #hasPcr has one}, in 27 MHz ticks (base x 300 + extension). */
    public static long pcr(byte[] a, int p) {
        long base = ((a[p + 6] & 0xFFL) << 25) | ((a[p + 7] & 0xFFL) << 17) | ((a[p + 8] & 0xFFL) << 9)
                | ((a[p + 9] & 0xFFL) << 1) | ((a[p + 10] & 0x80L) >> 7);
        int extension = ((a[p + 10] & 0x01) << 8) | (a[p + 11] & 0xFF);
        return base * 300 + extension;
    }

    /** Rewrites the PCR of a packet that {@link #hasPcr has one}; {@code pcr} in 27 MHz ticks, wrapped to 33 bits of base. */
    public static void setPcr(byte[] a, int p, long pcr) {
        long wrapped = Math.floorMod(pcr, PCR_WRAP);
        long base = wrapped / 300;
        int extension = (int) (wrapped % 300);
        a[p + 6] = (byte) (base >>> 25);
        a[p + 7] = (byte) (base >>> 17);
        a[p + 8] = (byte) (base >>> 9);
        a[p + 9] = (byte) (base >>> 1);
        a[p + 10] = (byte) (((base & 1) << 7) | 0x7E | (extension >> 8));
        a[p + 11] = (byte) extension;
    }

    /**
     * Writes at {@code out[o]} a packet on {@code pid} holding only an adaptation field with a PCR
     * (set it with {@link #setPcr}); {@code counter} should repeat the PID's last one, as no
     * payload follows.
     */
    public static void pcrPacket(byte[] out, int o, int pid, int counter) {
        out[o] = TsPacket.SYNC;
        out[o + 1] = (byte) ((pid >> 8) & 0x1F);
        out[o + 2] = (byte) pid;
        out[o + 3] = (byte) (0x20 | (counter & 0x0F));
        out[o + 4] = (byte) (SIZE - 5);
        out[o + 5] = 0x10;
        Arrays.fill(out, o + 6, o + SIZE, (byte) 0xFF);
    }

    /** Writes a null packet (PID 0x1FFF, payload of 0xFF) at {@code out[o]}: padding for a constant rate. */
    public static void nullPacket(byte[] out, int o) {
        out[o] = TsPacket.SYNC;
        out[o + 1] = 0x1F;
        out[o + 2] = (byte) 0xFF;
        out[o + 3] = 0x10;
        Arrays.fill(out, o + 4, o + SIZE, (byte) 0xFF);
    }

    /**
     * Writes to {@code out[o .. o+188)} a packet on the same PID holding only the adaptation field
     * of {@code a[p]}'s PCR (and its discontinuity flag), for a clock whose pictures are dropped.
     * Its counter does not advance (no payload), so it stays 0. Call only when {@link #hasPcr}.
     */
    public static void pcrOnly(byte[] a, int p, byte[] out, int o) {
        out[o] = TsPacket.SYNC;
        out[o + 1] = (byte) (a[p + 1] & 0x1F);
        out[o + 2] = a[p + 2];
        out[o + 3] = 0x20;
        out[o + 4] = (byte) (SIZE - 5);
        out[o + 5] = (byte) (a[p + 5] & 0x90);
        System.arraycopy(a, p + 6, out, o + 6, 6);
        Arrays.fill(out, o + 12, o + SIZE, (byte) 0xFF);
    }

    /** A packet on {@code pid} starting a unit, counter 0, payload only, stuffed with 0xFF: {@code section} goes at offset 5. */
    public static byte[] sectionPacket(int pid, byte[] section, int length) {
        byte[] p = new byte[SIZE];
        Arrays.fill(p, (byte) 0xFF);
        p[0] = TsPacket.SYNC;
        p[1] = (byte) (0x40 | (pid >> 8));
        p[2] = (byte) pid;
        p[3] = 0x10;
        p[4] = 0; // pointer_field
        System.arraycopy(section, 0, p, 5, length);
        return p;
    }

    /** Sets the continuity counter of the packet at {@code a[p]}, keeping payload only. */
    public static void setCounter(byte[] a, int p, int counter) {
        a[p + 3] = (byte) (0x10 | (counter & 0x0F));
    }

    public static int counter(byte[] a, int p) {
        return TsPacket.continuityCounter(a, p);
    }

    /** Offset of the section that starts in the table packet at {@code a[p]}, or -1 if it has none. */
    public static int sectionStart(byte[] a, int p) {
        if (a[p] != TsPacket.SYNC || !TsPacket.payloadUnitStart(a, p) || !TsPacket.hasPayload(a, p)) {
            return -1;
        }
        int offset = TsPacket.payloadOffset(a, p);
        if (offset == TsPacket.MALFORMED || offset >= SIZE) {
            return -1;
        }
        int s = p + offset + 1 + (a[p + offset] & 0xFF); // after the pointer_field
        return s + 12 <= p + SIZE ? s : -1;
    }

    public static int tableId(byte[] a, int s) {
        return a[s] & 0xFF;
    }

    /** End of the section at {@code s}, its CRC_32 included. */
    public static int sectionEnd(byte[] a, int s) {
        return s + 3 + (u16(a, s + 1) & 0x0FFF);
    }

    /** table_id_extension: the transport_stream_id of a PAT, the program_number of a PMT. */
    public static int tableIdExtension(byte[] a, int s) {
        return u16(a, s + 3);
    }

    public static int pmtPcrPid(byte[] a, int s) {
        return u16(a, s + 8) & 0x1FFF;
    }

    /** Where a PMT's elementary stream loop starts (after program_info). */
    public static int pmtFirstStream(byte[] a, int s) {
        return s + 12 + (u16(a, s + 10) & 0x0FFF);
    }

    /** elementary_PID of the PMT stream entry at {@code e}. */
    public static int streamPid(byte[] a, int e) {
        return u16(a, e + 1) & 0x1FFF;
    }

    /** End of the PMT stream entry at {@code e}, its descriptors included. */
    public static int streamEnd(byte[] a, int e) {
        return e + 5 + (u16(a, e + 3) & 0x0FFF);
    }

    /** Where the packet's payload starts (an index into {@code a}), or -1 when it has none. */
    public static int payloadStart(byte[] a, int p) {
        if (!TsPacket.hasPayload(a, p)) {
            return -1;
        }
        int offset = TsPacket.payloadOffset(a, p);
        return offset == TsPacket.MALFORMED || offset >= SIZE ? -1 : p + offset;
    }

    /**
     * The adaptation field of the packet at {@code ts[at]} (length byte, flags, PCR and the other
     * optional fields, without stuffing; the length byte counts what is kept) as a new array, or
     * null when it has none: for a packet written again with another payload (drm/'s SAMPLE-AES).
     */
    public static byte[] adaptationField(byte[] ts, int at) {
        if ((ts[at + 3] & 0x20) == 0) {
            return null;
        }
        int length = ts[at + 4] & 0xFF;
        if (length == 0) {
            return null;
        }
        int flags = ts[at + 5] & 0xFF;
        int used = 1;
        if ((flags & 0x10) != 0) {
            used += 6; // PCR
        }
        if ((flags & 0x08) != 0) {
            used += 6; // OPCR
        }
        if ((flags & 0x04) != 0) {
            used += 1; // splice countdown
        }
        if ((flags & 0x02) != 0 && used < length) {
            used += 1 + (ts[at + 5 + used] & 0xFF); // private data
        }
        if ((flags & 0x01) != 0 && used < length) {
            used += 1 + (ts[at + 5 + used] & 0xFF); // extension
        }
        used = Math.min(used, length);
        byte[] af = new byte[1 + used];
        System.arraycopy(ts, at + 4, af, 0, af.length);
        af[0] = (byte) used;
        return af;
    }

    private static int u16(byte[] a, int off) {
        return ((a[off] & 0xFF) << 8) | (a[off + 1] & 0xFF);
    }
}
