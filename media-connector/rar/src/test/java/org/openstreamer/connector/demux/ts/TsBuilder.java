package org.openstreamer.connector.demux.ts;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Writes small synthetic transport streams: PSI sections and PES split into packets. */
final class TsBuilder {

    private final Map<Integer, Integer> counters = new HashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    byte[] bytes() {
        return out.toByteArray();
    }

    int packets() {
        return out.size() / 188;
    }

    /** A section on {@code pid}, after a pointer_field of 0, 0xFF-stuffed. */
    TsBuilder section(int pid, byte[] section) {
        byte[] unit = new byte[section.length + 1];
        System.arraycopy(section, 0, unit, 1, section.length);
        return unit(pid, unit, true, false);
    }

    /** A PES on {@code pid}; the last packet is filled with adaptation-field stuffing. */
    TsBuilder pes(int pid, byte[] pes) {
        return unit(pid, pes, false, false);
    }

    /** Like {@link #pes} with discontinuity_indicator set in the first packet. */
    TsBuilder pesAfterDiscontinuity(int pid, byte[] pes) {
        return unit(pid, pes, false, true);
    }

    /** A hand-made packet, given the next continuity counter of its PID. */
    TsBuilder raw(byte[] packet) {
        int pid = TsPacket.pid(packet, 0);
        int cc = (counters.getOrDefault(pid, -1) + 1) & 15;
        counters.put(pid, cc);
        byte[] p = packet.clone();
        p[3] = (byte) ((p[3] & 0xF0) | cc);
        out.writeBytes(p);
        return this;
    }

    private TsBuilder unit(int pid, byte[] unit, boolean psi, boolean discontinuity) {
        int off = 0;
        boolean first = true;
        while (off < unit.length || first) {
            byte[] p = new byte[188];
            int cc = (counters.getOrDefault(pid, -1) + 1) & 15;
            counters.put(pid, cc);
            p[0] = 0x47;
            p[1] = (byte) ((first ? 0x40 : 0) | (pid >> 8));
            p[2] = (byte) pid;
            int n = Math.min(184, unit.length - off);
            int header = 4;
            boolean flags = first && discontinuity;
            if ((!psi && n < 184) || flags) {
                n = Math.min(n, flags ? 182 : 183);
                int afLength = 183 - n;
                p[3] = (byte) (0x30 | cc);
                p[4] = (byte) afLength;
                if (afLength > 0) {
                    p[5] = (byte) (flags ? 0x80 : 0);
                    Arrays.fill(p, 6, 5 + afLength, (byte) 0xFF);
                }
                header = 5 + afLength;
            } else {
                p[3] = (byte) (0x10 | cc);
            }
            System.arraycopy(unit, off, p, header, n);
            if (psi) {
                Arrays.fill(p, header + n, 188, (byte) 0xFF);
            }
            off += n;
            out.writeBytes(p);
            first = false;
        }
        return this;
    }

    /** A long-form section with its CRC_32. */
    static byte[] section(int tableId, int extension, int version, byte[] body) {
        int sectionLength = 5 + body.length + 4;
        byte[] s = new byte[3 + sectionLength];
        s[0] = (byte) tableId;
        s[1] = (byte) (0xB0 | (sectionLength >> 8));
        s[2] = (byte) sectionLength;
        s[3] = (byte) (extension >> 8);
        s[4] = (byte) extension;
        s[5] = (byte) (0xC1 | (version << 1));
        System.arraycopy(body, 0, s, 8, body.length);
        int crc = Crc32Mpeg2.compute(s, 0, s.length - 4);
        s[s.length - 4] = (byte) (crc >> 24);
        s[s.length - 3] = (byte) (crc >> 16);
        s[s.length - 2] = (byte) (crc >> 8);
        s[s.length - 1] = (byte) crc;
        return s;
    }

    static byte[] pat(int program, int pmtPid) {
        return section(0, 1, 0, new byte[] {(byte) (program >> 8), (byte) program,
            (byte) (0xE0 | (pmtPid >> 8)), (byte) pmtPid});
    }

    /** One PMT entry: stream_type, PID and raw descriptor bytes. */
    record Es(int type, int pid, byte... descriptors) {
    }

    static byte[] pmt(int program, int version, int pcrPid, Es... streams) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0xE0 | (pcrPid >> 8));
        b.write(pcrPid);
        b.write(0xF0);
        b.write(0);
        for (Es e : streams) {
            b.write(e.type());
            b.write(0xE0 | (e.pid() >> 8));
            b.write(e.pid());
            b.write(0xF0 | (e.descriptors().length >> 8));
            b.write(e.descriptors().length);
            b.writeBytes(e.descriptors());
        }
        return section(2, program, version, b.toByteArray());
    }

    static byte[] language(String code) {
        return new byte[] {0x0A, 4, (byte) code.charAt(0), (byte) code.charAt(1), (byte) code.charAt(2), 0};
    }

    /** A PES with PTS (and DTS when {@code dts >= 0}); PES_packet_length set when {@code bounded}. */
    static byte[] pes(int streamId, long pts, long dts, byte[] payload, boolean bounded) {
        int tsBytes = pts < 0 ? 0 : dts >= 0 ? 10 : 5;
        byte[] p = new byte[9 + tsBytes + payload.length];
        p[2] = 1;
        p[3] = (byte) streamId;
        int length = bounded ? p.length - 6 : 0;
        p[4] = (byte) (length >> 8);
        p[5] = (byte) length;
        p[6] = (byte) 0x84;
        p[7] = (byte) (pts < 0 ? 0 : dts >= 0 ? 0xC0 : 0x80);
        p[8] = (byte) tsBytes;
        if (pts >= 0) {
            timestamp(p, 9, dts >= 0 ? 3 : 2, pts);
        }
        if (dts >= 0) {
            timestamp(p, 14, 1, dts);
        }
        System.arraycopy(payload, 0, p, 9 + tsBytes, payload.length);
        return p;
    }

    static void timestamp(byte[] b, int off, int prefix, long t) {
        b[off] = (byte) ((prefix << 4) | (((t >> 30) & 7) << 1) | 1);
        b[off + 1] = (byte) (t >> 22);
        b[off + 2] = (byte) (((t >> 15) & 0x7F) << 1 | 1);
        b[off + 3] = (byte) (t >> 7);
        b[off + 4] = (byte) (((t & 0x7F) << 1) | 1);
    }

    /** An ADTS frame header (AAC LC) for the given rate index and channels, then zeros. */
    static byte[] adts(int rateIndex, int channels, int frameLength) {
        byte[] b = new byte[frameLength];
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xF1;
        b[2] = (byte) (0x40 | (rateIndex << 2) | (channels >> 2));
        b[3] = (byte) (((channels & 3) << 6) | (frameLength >> 11));
        b[4] = (byte) (frameLength >> 3);
        b[5] = (byte) (((frameLength & 7) << 5) | 0x1F);
        b[6] = (byte) 0xFC;
        return b;
    }
}
