package org.openstreamer.connector.mux.ts;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.demux.ts.Crc32Mpeg2;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PAT/PMT rewrite and packet decisions for a variant of two H.264 renditions and one audio. */
public class ProgramSubsetTest {

    public static final int PMT_PID = 0x1000;
    public static final int HIGH = 0x100;
    public static final int LOW = 0x101;
    public static final int AUDIO = 0x102;
    static final byte[] ENG = {0x0A, 4, 'e', 'n', 'g', 0};

    /** PAT and PMT packets (PCR on the first video), as a segment starts with them. */
    public static byte[] tables(int patCc, int pmtCc) {
        byte[] pat = section(0x00, 7, new byte[] {0x00, 0x01, (byte) (0xE0 | (PMT_PID >> 8)), (byte) PMT_PID});
        ByteArrayOutputStream es = new ByteArrayOutputStream();
        es.writeBytes(new byte[] {(byte) (0xE0 | (HIGH >> 8)), (byte) HIGH, (byte) 0xF0, 0});
        es.writeBytes(entry(0x1B, HIGH));
        es.writeBytes(entry(0x1B, LOW));
        es.writeBytes(entry(0x0F, AUDIO, ENG));
        byte[] pmt = section(0x02, 1, es.toByteArray());
        byte[] out = new byte[376];
        System.arraycopy(packet(0, patCc, pat), 0, out, 0, 188);
        System.arraycopy(packet(PMT_PID, pmtCc, pmt), 0, out, 188, 188);
        return out;
    }

    static byte[] entry(int type, int pid, byte... descriptors) {
        byte[] e = new byte[5 + descriptors.length];
        e[0] = (byte) type;
        e[1] = (byte) (0xE0 | (pid >> 8));
        e[2] = (byte) pid;
        e[3] = (byte) 0xF0;
        e[4] = (byte) descriptors.length;
        System.arraycopy(descriptors, 0, e, 5, descriptors.length);
        return e;
    }

    /** A long-form section: table id, extension (program or transport stream id), body, CRC. */
    static byte[] section(int tableId, int extension, byte[] body) {
        byte[] s = new byte[8 + body.length + 4];
        s[0] = (byte) tableId;
        s[1] = (byte) (0xB0 | ((s.length - 3) >> 8));
        s[2] = (byte) (s.length - 3);
        s[3] = (byte) (extension >> 8);
        s[4] = (byte) extension;
        s[5] = (byte) 0xC3; // version 1, current
        System.arraycopy(body, 0, s, 8, body.length);
        int crc = Crc32Mpeg2.compute(s, 0, s.length - 4);
        for (int i = 0; i < 4; i++) {
            s[s.length - 4 + i] = (byte) (crc >> (24 - 8 * i));
        }
        return s;
    }

    static byte[] packet(int pid, int cc, byte[] section) {
        byte[] p = new byte[188];
        Arrays.fill(p, (byte) 0xFF);
        p[0] = 0x47;
        p[1] = (byte) (0x40 | (pid >> 8));
        p[2] = (byte) pid;
        p[3] = (byte) (0x10 | cc);
        p[4] = 0;
        System.arraycopy(section, 0, p, 5, section.length);
        return p;
    }

    /** A video packet with a PCR in its adaptation field, then payload. */
    public static byte[] pcrPacket(int pid, int cc) {
        byte[] p = new byte[188];
        p[0] = 0x47;
        p[1] = (byte) (pid >> 8);
        p[2] = (byte) pid;
        p[3] = (byte) (0x30 | cc);
        p[4] = 7;
        p[5] = 0x10;
        byte[] pcr = {0x12, 0x34, 0x56, 0x78, (byte) 0xFE, 0x01};
        System.arraycopy(pcr, 0, p, 6, 6);
        Arrays.fill(p, 12, 188, (byte) 0x55);
        return p;
    }

    /** The ES loop of a rewritten PMT packet, after checking its CRC. */
    public static byte[] esLoop(byte[] pmtPacket, int off) {
        int s = off + 5;
        int length = ((pmtPacket[s + 1] & 0x0F) << 8) | (pmtPacket[s + 2] & 0xFF);
        assertEquals(0, Crc32Mpeg2.compute(pmtPacket, s, 3 + length), "CRC of the rewritten section");
        int loop = s + 12 + (((pmtPacket[s + 10] & 0x0F) << 8) | (pmtPacket[s + 11] & 0xFF));
        return Arrays.copyOfRange(pmtPacket, loop, s + 3 + length - 4);
    }

    @Test
    void keepsOnlyTheSelectedStreamsAndCarriesThePcrAlone() {
        ProgramSubset subset = ProgramSubset.of(tables(3, 9), new int[] {LOW, AUDIO});
        assertEquals(ProgramSubset.PAT, subset.action(0));
        assertEquals(ProgramSubset.PMT, subset.action(PMT_PID));
        assertEquals(ProgramSubset.KEEP, subset.action(LOW));
        assertEquals(ProgramSubset.KEEP, subset.action(AUDIO));
        assertEquals(ProgramSubset.PCR_ONLY, subset.action(HIGH), "the PCR PID, not kept");
        assertEquals(ProgramSubset.KEEP, subset.action(0x11), "service description");
        assertEquals(ProgramSubset.DROP, subset.action(0x1FFF));
        assertEquals(ProgramSubset.DROP, subset.action(0x200), "a PID the PMT does not list");
    }

    @Test
    void tablesNameOnlyTheKeptStreamsWithTheSourceCounters() {
        byte[] source = tables(3, 9);
        byte[] t = ProgramSubset.of(source, new int[] {LOW, AUDIO}).tables(source);
        assertEquals(376, t.length);
        assertEquals(3, t[3] & 0x0F);
        assertEquals(9, t[188 + 3] & 0x0F);
        assertEquals(PMT_PID, ((t[189] & 0x1F) << 8) | (t[190] & 0xFF));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(entry(0x1B, LOW));
        expected.writeBytes(entry(0x0F, AUDIO, ENG));
        assertArrayEquals(expected.toByteArray(), esLoop(t, 188), "the low rendition and the audio, descriptors kept");
        assertEquals(HIGH, ((t[188 + 5 + 8] & 0x1F) << 8) | (t[188 + 5 + 9] & 0xFF), "PCR_PID unchanged");
        int patLength = t[7] & 0xFF;
        assertEquals(13, patLength, "one program in the PAT");
        assertEquals(0, Crc32Mpeg2.compute(t, 5, 3 + patLength));
    }

    @Test
    void pcrPacketsOfADroppedRenditionBecomeAdaptationOnly() {
        ProgramSubset subset = ProgramSubset.of(tables(0, 0), new int[] {LOW, AUDIO});
        byte[] out = new byte[188];
        assertTrue(subset.replace(ProgramSubset.PCR_ONLY, pcrPacket(HIGH, 5), 0, out, 0));
        assertEquals(HIGH, ((out[1] & 0x1F) << 8) | (out[2] & 0xFF));
        assertEquals(0x20, out[3] & 0xFF, "adaptation field only, counter 0");
        assertEquals(183, out[4] & 0xFF);
        assertEquals(0x10, out[5]);
        assertArrayEquals(Arrays.copyOfRange(pcrPacket(HIGH, 5), 6, 12), Arrays.copyOfRange(out, 6, 12));
        for (int i = 12; i < 188; i++) {
            assertEquals((byte) 0xFF, out[i]);
        }
        byte[] plain = pcrPacket(HIGH, 6);
        plain[5] = 0; // no PCR this time
        assertFalse(subset.replace(ProgramSubset.PCR_ONLY, plain, 0, out, 0));
    }

    @Test
    void tableRepetitionsAreReplacedAndContinuationsDropped() {
        byte[] source = tables(0, 0);
        ProgramSubset subset = ProgramSubset.of(source, new int[] {HIGH, AUDIO});
        byte[] repeat = Arrays.copyOfRange(source, 188, 376);
        repeat[3] = 0x1C;
        byte[] out = new byte[188];
        assertTrue(subset.replace(ProgramSubset.PMT, repeat, 0, out, 0));
        assertEquals(0x1C, out[3]);
        assertEquals(5 + 11, esLoop(out, 0).length, "the high rendition, and the audio with its language");
        repeat[1] &= ~0x40;
        assertFalse(subset.replace(ProgramSubset.PMT, repeat, 0, out, 0));
    }

    @Test
    void noTablesOrAPmtBeyondOnePacketGivesNoSubset() {
        assertNull(ProgramSubset.of(new byte[0], new int[] {LOW}));
        byte[] t = tables(0, 0);
        t[188 + 5 + 2] = (byte) 200; // section_length past the packet
        assertNull(ProgramSubset.of(t, new int[] {LOW}));
    }
}
