package org.openstreamer.connector.ingest.pull;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.demux.ts.Crc32Mpeg2;
import org.openstreamer.connector.demux.ts.TsPackets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An MPTS of two programs (1: PMT 0x100, video 0x101, audio 0x102; 2: PMT 0x200, video 0x201,
 * audio 0x202), with an SDT and null packets, reduced to one program.
 */
class ProgramSelectorTest {

    private static final int SIZE = 188;

    @Test
    void keepsTheProgramItsTablesAndTheServiceTables() throws IOException {
        byte[] ts = mpts(3);
        byte[] out = selectAll(new ProgramSelector(2, null), ts);
        assertEquals(new TreeSet<>(List.of(0x00, 0x11, 0x200, 0x201, 0x202)), pids(out));
        assertEquals(List.of(2, 0x200), patPrograms(out), "the PAT names program 2 only");
        assertEquals(List.of(0x201, 0x202), pmtStreams(out, 0x200));
        assertEquals(3 * 2, count(out, 0x201), "every packet of its streams");
    }

    @Test
    void theFirstProgramWhenOnlyPidsAreGiven() throws IOException {
        byte[] out = selectAll(new ProgramSelector(0, new int[] {0x102}), mpts(2));
        assertEquals(new TreeSet<>(List.of(0x00, 0x11, 0x100, 0x101, 0x102)), pids(out),
                "the video keeps its PCRs in adaptation-only packets");
        assertEquals(List.of(0x102), pmtStreams(out, 0x100), "the PMT lists the kept PID only");
        assertTrue(packets(out).stream().filter(p -> TsPackets.pid(p, 0) == 0x101).allMatch(p -> TsPackets.hasPcr(p, 0)
                && (p[3] & 0x30) == 0x20), "the video's PCRs without its payload");
    }

    @Test
    void nothingPassesBeforeThePatAndPmt() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(pes(0x201, 0));
        b.writeBytes(mpts(1));
        byte[] out = selectAll(new ProgramSelector(2, null), b.toByteArray());
        assertEquals(1 * 2, count(out, 0x201), "the packet before the tables is dropped");
    }

    @Test
    void aProgramOrPidsTheStreamDoesNotHaveFailTheSource() {
        IOException noProgram = assertThrows(IOException.class, () -> selectAll(new ProgramSelector(3, null), mpts(1)));
        assertEquals("program 3 is not in the stream (its PAT lists 1, 2)", noProgram.getMessage());
        IOException noPid = assertThrows(IOException.class, () -> selectAll(new ProgramSelector(1, new int[] {0x201}), mpts(1)));
        assertTrue(noPid.getMessage().startsWith("none of the PIDs [513] is in program 1"), noPid.getMessage());
    }

    @Test
    void theInputCutsBytesIntoPacketsWhateverTheReadsBring() throws IOException {
        byte[] ts = mpts(3);
        byte[] expected = selectAll(new ProgramSelector(2, null), ts.clone());
        ByteArrayOutputStream damaged = new ByteArrayOutputStream();
        damaged.write(new byte[] {1, 2, 3}); // out of sync at the start
        damaged.writeBytes(ts);
        TsInput input = ProgramSelectingInput.wrap(chunks(damaged.toByteArray(), 100), Map.of("program", "2"));
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[4 * SIZE];
        for (int n; (n = input.read(buf, 0, buf.length)) >= 0; ) {
            assertEquals(0, n % SIZE, "whole packets");
            got.write(buf, 0, n);
        }
        assertArrayEquals(expected, got.toByteArray());
        TsInput plain = chunks(ts, 100);
        assertSame(plain, ProgramSelectingInput.wrap(plain, Map.of("user_agent", "x")), "no program asked: the source as it is");
        assertThrows(IOException.class, () -> ProgramSelectingInput.wrap(chunks(ts, 100), Map.of("program", "two")));
    }

    private static byte[] selectAll(ProgramSelector selector, byte[] ts) throws IOException {
        byte[] buf = ts.clone();
        return Arrays.copyOf(buf, selector.filter(buf, 0, buf.length));
    }

    /** {@code rounds} times: PAT, SDT, both PMTs, two PES packets per stream, a null packet. */
    private static byte[] mpts(int rounds) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int[] cc = new int[8192];
        for (int r = 0; r < rounds; r++) {
            b.writeBytes(sectionPacket(0x00, section(0x00, 7, new byte[] {0, 1, (byte) 0xE1, 0x00, 0, 2, (byte) 0xE2, 0x00}), cc));
            b.writeBytes(sectionPacket(0x11, section(0x42, 7, new byte[] {0, 1, (byte) 0xFF}), cc));
            b.writeBytes(sectionPacket(0x100, pmt(1, 0x101, 0x101, 0x102), cc));
            b.writeBytes(sectionPacket(0x200, pmt(2, 0x201, 0x201, 0x202), cc));
            for (int pid : new int[] {0x101, 0x102, 0x201, 0x202}) {
                for (int i = 0; i < 2; i++) {
                    byte[] p = pes(pid, cc[pid]++ & 15);
                    b.writeBytes(p);
                }
            }
            byte[] nul = new byte[SIZE];
            TsPackets.nullPacket(nul, 0);
            b.writeBytes(nul);
        }
        return b.toByteArray();
    }

    private static byte[] pmt(int program, int pcrPid, int video, int audio) {
        return section(0x02, program, new byte[] {(byte) (0xE0 | pcrPid >> 8), (byte) pcrPid, (byte) 0xF0, 0,
            0x1B, (byte) (0xE0 | video >> 8), (byte) video, (byte) 0xF0, 0,
            0x0F, (byte) (0xE0 | audio >> 8), (byte) audio, (byte) 0xF0, 0});
    }

    private static byte[] section(int tableId, int extension, byte[] body) {
        byte[] s = new byte[8 + body.length + 4];
        s[0] = (byte) tableId;
        s[1] = (byte) (0xB0 | ((s.length - 3) >> 8));
        s[2] = (byte) (s.length - 3);
        s[3] = (byte) (extension >> 8);
        s[4] = (byte) extension;
        s[5] = (byte) 0xC1;
        System.arraycopy(body, 0, s, 8, body.length);
        int crc = Crc32Mpeg2.compute(s, 0, s.length - 4);
        for (int i = 0; i < 4; i++) {
            s[s.length - 4 + i] = (byte) (crc >> (24 - 8 * i));
        }
        return s;
    }

    private static byte[] sectionPacket(int pid, byte[] section, int[] cc) {
        byte[] p = TsPackets.sectionPacket(pid, section, section.length);
        TsPackets.setCounter(p, 0, cc[pid]++ & 15);
        return p;
    }

    /** A payload packet with a PCR in its adaptation field (every packet: simple to check). */
    private static byte[] pes(int pid, int counter) {
        byte[] p = new byte[SIZE];
        Arrays.fill(p, (byte) 0xAB);
        p[0] = 0x47;
        p[1] = (byte) (pid >> 8);
        p[2] = (byte) pid;
        p[3] = (byte) (0x30 | counter);
        p[4] = 7;
        p[5] = 0x10; // PCR_flag
        Arrays.fill(p, 6, 12, (byte) 0);
        return p;
    }

    private static List<byte[]> packets(byte[] ts) {
        List<byte[]> out = new ArrayList<>();
        for (int p = 0; p + SIZE <= ts.length; p += SIZE) {
            out.add(Arrays.copyOfRange(ts, p, p + SIZE));
        }
        return out;
    }

    private static TreeSet<Integer> pids(byte[] ts) {
        TreeSet<Integer> out = new TreeSet<>();
        packets(ts).forEach(p -> out.add(TsPackets.pid(p, 0)));
        return out;
    }

    private static long count(byte[] ts, int pid) {
        return packets(ts).stream().filter(p -> TsPackets.pid(p, 0) == pid).count();
    }

    /** program_number, PMT PID of each entry of the first PAT; its CRC checked. */
    private static List<Integer> patPrograms(byte[] ts) {
        byte[] p = packets(ts).stream().filter(x -> TsPackets.pid(x, 0) == 0).findFirst().orElseThrow();
        int s = TsPackets.sectionStart(p, 0);
        int end = TsPackets.sectionEnd(p, s);
        assertEquals(0, Crc32Mpeg2.compute(p, s, end - s), "the PAT's CRC");
        List<Integer> out = new ArrayList<>();
        for (int e = s + 8; e + 4 <= end - 4; e += 4) {
            out.add(((p[e] & 0xFF) << 8) | (p[e + 1] & 0xFF));
            out.add(((p[e + 2] & 0x1F) << 8) | (p[e + 3] & 0xFF));
        }
        return out;
    }

    private static List<Integer> pmtStreams(byte[] ts, int pmtPid) {
        byte[] p = packets(ts).stream().filter(x -> TsPackets.pid(x, 0) == pmtPid).findFirst().orElseThrow();
        int s = TsPackets.sectionStart(p, 0);
        int end = TsPackets.sectionEnd(p, s);
        assertEquals(0, Crc32Mpeg2.compute(p, s, end - s), "the PMT's CRC");
        List<Integer> out = new ArrayList<>();
        for (int e = TsPackets.pmtFirstStream(p, s); e + 5 <= end - 4; e = TsPackets.streamEnd(p, e)) {
            out.add(TsPackets.streamPid(p, e));
        }
        return out;
    }

    /** A source that hands {@code ts} over {@code size} bytes at a time, then ends. */
    private static TsInput chunks(byte[] ts, int size) {
        return new TsInput() {
            private int at;

            @Override
            public int read(byte[] buf, int off, int len) {
                if (at == ts.length) {
                    return -1;
                }
                int n = Math.min(Math.min(size, len), ts.length - at);
                System.arraycopy(ts, at, buf, off, n);
                at += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
    }
}
