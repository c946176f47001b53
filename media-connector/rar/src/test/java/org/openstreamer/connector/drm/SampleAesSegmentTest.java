package org.openstreamer.connector.drm;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.demux.ts.Crc32Mpeg2;
import org.openstreamer.connector.demux.ts.TsPackets;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A whole segment: PMT signalling, PES packets rebuilt, and every sample decrypted back with javax.crypto. */
class SampleAesSegmentTest {

    private static final int VIDEO = 0x100;
    private static final int AUDIO = 0x101;
    private static final int PMT = 0x1000;

    private final Map<Integer, Integer> counters = new HashMap<>();

    // --- a small MPEG-TS writer for the test's input ---

    private void packets(ByteArrayOutputStream ts, int pid, byte[] payload, boolean pcr) {
        int p = 0;
        boolean first = true;
        while (p < payload.length) {
            byte[] packet = new byte[188];
            Arrays.fill(packet, (byte) 0xFF);
            int cc = counters.merge(pid, 1, Integer::sum) - 1 & 0x0F;
            packet[0] = 0x47;
            packet[1] = (byte) ((first ? 0x40 : 0) | pid >> 8);
            packet[2] = (byte) pid;
            int af = first && pcr ? 8 : 0; // length byte, flags, 6 bytes of PCR
            int take = Math.min(184 - af, payload.length - p);
            int stuffing = 184 - af - take;
            if (af == 0 && stuffing > 0) {
                af = stuffing;
                stuffing = 0;
            } else {
                af += stuffing;
            }
            packet[3] = (byte) ((af > 0 ? 0x30 : 0x10) | cc);
            if (af > 0) {
                packet[4] = (byte) (af - 1);
                if (af > 1) {
                    packet[5] = (byte) (first && pcr ? 0x50 : 0); // random access, PCR
                    if (first && pcr) {
                        Arrays.fill(packet, 6, 12, (byte) 0x11);
                    }
                }
            }
            System.arraycopy(payload, p, packet, 4 + af, take);
            ts.writeBytes(packet);
            p += take;
            first = false;
        }
    }

    private static byte[] section(byte[] body) {
        byte[] s = Arrays.copyOf(body, body.length + 4);
        int length = s.length - 3;
        s[1] = (byte) (0xB0 | length >> 8);
        s[2] = (byte) length;
        int crc = Crc32Mpeg2.compute(s, 0, body.length);
        s[body.length] = (byte) (crc >>> 24);
        s[body.length + 1] = (byte) (crc >>> 16);
        s[body.length + 2] = (byte) (crc >>> 8);
        s[body.length + 3] = (byte) crc;
        byte[] withPointer = new byte[s.length + 1];
        System.arraycopy(s, 0, withPointer, 1, s.length);
        return withPointer;
    }

    private static byte[] pat() {
        return section(new byte[] {0, 0, 0, 0, 1, (byte) 0xC1, 0, 0, 0, 1, (byte) (0xE0 | PMT >> 8), (byte) PMT});
    }

    private static byte[] pmt() {
        return section(new byte[] {2, 0, 0, 0, 1, (byte) 0xC1, 0, 0, (byte) (0xE0 | VIDEO >> 8), (byte) VIDEO, (byte) 0xF0, 0,
            0x1B, (byte) (0xE0 | VIDEO >> 8), (byte) VIDEO, (byte) 0xF0, 0,
            0x0F, (byte) (0xE0 | AUDIO >> 8), (byte) AUDIO, (byte) 0xF0, 6, 0x0A, 4, 'e', 'n', 'g', 0});
    }

    private static byte[] pes(int streamId, long pts, byte[] payload, boolean bounded) {
        byte[] p = new byte[14 + payload.length];
        p[2] = 1;
        p[3] = (byte) streamId;
        int length = bounded ? p.length - 6 : 0;
        p[4] = (byte) (length >> 8);
        p[5] = (byte) length;
        p[6] = (byte) 0x80;
        p[7] = (byte) 0x80;
        p[8] = 5;
        p[9] = (byte) (0x21 | (pts >> 29) & 0x0E);
        p[10] = (byte) (pts >> 22);
        p[11] = (byte) ((pts >> 14) & 0xFE | 1);
        p[12] = (byte) (pts >> 7);
        p[13] = (byte) ((pts << 1) & 0xFE | 1);
        System.arraycopy(payload, 0, p, 14, payload.length);
        return p;
    }

    private static long pts(byte[] a, int p) {
        return ((long) (a[p] & 0x0E) << 29) | ((a[p + 1] & 0xFF) << 22) | ((a[p + 2] & 0xFE) << 14)
                | ((a[p + 3] & 0xFF) << 7) | ((a[p + 4] & 0xFE) >> 1);
    }

    // --- reading the output ---

    private record Parsed(byte[] pmtSection, Map<Integer, List<byte[]>> pes) {
    }

    private static Parsed parse(byte[] ts) {
        Map<Integer, List<byte[]>> pes = new HashMap<>();
        Map<Integer, ByteArrayOutputStream> open = new HashMap<>();
        Map<Integer, Integer> cc = new HashMap<>();
        byte[] pmtSection = null;
        assertEquals(0, ts.length % 188);
        for (int at = 0; at < ts.length; at += 188) {
            assertEquals(0x47, ts[at], "sync at " + at);
            int pid = TsPackets.pid(ts, at);
            boolean start = (ts[at + 1] & 0x40) != 0;
            int payload = TsPackets.payloadStart(ts, at);
            Integer last = cc.put(pid, ts[at + 3] & 0x0F);
            boolean discontinuity = (ts[at + 3] & 0x20) != 0 && ts[at + 4] != 0 && (ts[at + 5] & 0x80) != 0;
            if (last != null && payload > 0 && !discontinuity) {
                assertEquals((last + 1) & 0x0F, ts[at + 3] & 0x0F, "continuity of PID " + pid);
            }
            if (pid == PMT) {
                int s = payload + 1 + ts[payload];
                int length = ((ts[s + 1] & 0x0F) << 8 | ts[s + 2] & 0xFF) + 3;
                pmtSection = Arrays.copyOfRange(ts, s, s + length);
            } else if (pid == VIDEO || pid == AUDIO) {
                if (start) {
                    if (open.containsKey(pid)) {
                        pes.computeIfAbsent(pid, k -> new ArrayList<>()).add(open.get(pid).toByteArray());
                    }
                    open.put(pid, new ByteArrayOutputStream());
                }
                open.get(pid).write(ts, payload, at + 188 - payload);
            }
        }
        open.forEach((pid, b) -> pes.computeIfAbsent(pid, k -> new ArrayList<>()).add(b.toByteArray()));
        return new Parsed(pmtSection, pes);
    }

    private static boolean contains(byte[] hay, String text) {
        byte[] needle = text.getBytes();
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aSegmentIsSignalledEncryptedAndDecryptsBackToItsClearSamples() throws Exception {
        byte[] aud = {0, 0, 0, 1, 9, (byte) 0xF0};
        byte[] sps = {0, 0, 0, 1, 0x67, 0x42, (byte) 0xC0, 0x1E, (byte) 0x95, (byte) 0xA0, 0x50, 0x1F};
        byte[] idrRbsp = SampleCipherTest.sliceRbsp(5, 3000, 11);
        byte[] idr = SampleCipherTest.escape(idrRbsp);
        ByteArrayOutputStream au = new ByteArrayOutputStream();
        au.writeBytes(aud);
        au.writeBytes(sps);
        au.write(0);
        au.write(0);
        au.write(1);
        au.writeBytes(idr);
        byte[] videoPayload = au.toByteArray();

        byte[][] frames = {SampleCipherTest.adts(300, 21), SampleCipherTest.adts(290, 22), SampleCipherTest.adts(20, 23)};
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            audio.writeBytes(f);
        }

        ByteArrayOutputStream ts = new ByteArrayOutputStream();
        packets(ts, 0, pat(), false);
        packets(ts, PMT, pmt(), false);
        packets(ts, VIDEO, pes(0xE0, 900_000, videoPayload, false), true);
        packets(ts, AUDIO, pes(0xC0, 899_000, audio.toByteArray(), true), false);
        byte[] clear = ts.toByteArray();

        ByteBuffer out = SampleAesSegment.encrypt(SampleCipherTest.KEY, SampleCipherTest.IV, clear, clear.length);
        byte[] sealed = new byte[out.remaining()];
        out.get(sealed);
        Parsed parsed = parse(sealed);

        // PMT: 0xDB and 0xCF with their descriptors, a valid CRC, the language descriptor kept
        byte[] pmt = parsed.pmtSection();
        assertNotNull(pmt);
        assertEquals(0, Crc32Mpeg2.compute(pmt, 0, pmt.length), "the rewritten PMT's CRC");
        int programInfo = (pmt[10] & 0x0F) << 8 | pmt[11] & 0xFF;
        int p = 12 + programInfo;
        assertEquals(0xDB, pmt[p] & 0xFF);
        int videoInfo = (pmt[p + 3] & 0x0F) << 8 | pmt[p + 4] & 0xFF;
        assertArrayEquals(new byte[] {0x0F, 4, 'z', 'a', 'v', 'c'}, Arrays.copyOfRange(pmt, p + 5, p + 5 + videoInfo));
        p += 5 + videoInfo;
        assertEquals(0xCF, pmt[p] & 0xFF);
        byte[] audioInfo = Arrays.copyOfRange(pmt, p + 5, p + 5 + ((pmt[p + 3] & 0x0F) << 8 | pmt[p + 4] & 0xFF));
        assertTrue(contains(audioInfo, "eng") && contains(audioInfo, "aacd") && contains(audioInfo, "apadzaac"));
        // AudioSpecificConfig of AAC LC 48 kHz stereo ends the audio setup information
        assertEquals(0x11, audioInfo[audioInfo.length - 2] & 0xFF);
        assertEquals(0x90, audioInfo[audioInfo.length - 1] & 0xFF);

        // video: one PES, its length set, the IDR slice encrypted and decrypting back; the rest as it was
        List<byte[]> videoPes = parsed.pes().get(VIDEO);
        assertEquals(1, videoPes.size());
        byte[] v = videoPes.get(0);
        assertEquals(v.length - 6, (v[4] & 0xFF) << 8 | v[5] & 0xFF);
        assertEquals(900_000, pts(v, 9));
        int header = 9 + v[8];
        int idrStart = header + aud.length + sps.length + 3;
        assertArrayEquals(Arrays.copyOfRange(videoPayload, 0, idrStart - header), Arrays.copyOfRange(v, header, idrStart));
        byte[] sealedIdr = Arrays.copyOfRange(v, idrStart, v.length);
        assertFalse(Arrays.equals(idr, sealedIdr), "the slice is encrypted");
        assertArrayEquals(idrRbsp, SampleCipherTest.decryptNal(sealedIdr, new int[256]));

        // audio: one PES per frame, PTS 1920 ticks apart (1024 samples at 48 kHz), each frame decrypting back
        List<byte[]> audioPes = parsed.pes().get(AUDIO);
        assertEquals(3, audioPes.size());
        for (int i = 0; i < 3; i++) {
            byte[] a = audioPes.get(i);
            assertEquals(899_000 + 1920L * i, pts(a, 9));
            assertEquals(a.length - 6, (a[4] & 0xFF) << 8 | a[5] & 0xFF);
            byte[] frame = Arrays.copyOfRange(a, 9 + a[8], a.length);
            assertEquals(frames[i].length, frame.length);
            int blocks = (frame.length - 7 - 16) / 16;
            if (blocks > 0) {
                int from = 7 + 16;
                int to = from + 16 * blocks;
                assertFalse(Arrays.equals(frames[i], from, to, frame, from, to));
                System.arraycopy(SampleCipherTest.cbcDecrypt(frame, from, to - from), 0, frame, from, to - from);
            }
            assertArrayEquals(frames[i], frame, "frame " + i);
        }
    }

    @Test
    void theWholeFramesAtTheEndOfAnAudioPesCutByTheSegmentAreKeptEncrypted() throws Exception {
        byte[][] frames = {SampleCipherTest.adts(300, 31), SampleCipherTest.adts(250, 32)};
        byte[] tail = new byte[70 + 300 + 250]; // 70 bytes of a frame whose start was in the previous segment
        Arrays.fill(tail, 0, 70, (byte) 0x3C);
        System.arraycopy(frames[0], 0, tail, 70, 300);
        System.arraycopy(frames[1], 0, tail, 370, 250);
        ByteArrayOutputStream ts = new ByteArrayOutputStream();
        packets(ts, 0, pat(), false);
        packets(ts, PMT, pmt(), false);
        ByteArrayOutputStream continuation = new ByteArrayOutputStream();
        packets(continuation, AUDIO, tail, false);
        byte[] c = continuation.toByteArray();
        c[1] &= ~0x40; // the PES started before: no payload unit start
        ts.writeBytes(c);
        byte[] clear = ts.toByteArray();
        ByteBuffer out = SampleAesSegment.encrypt(SampleCipherTest.KEY, SampleCipherTest.IV, clear, clear.length);
        byte[] sealed = new byte[out.remaining()];
        out.get(sealed);
        List<byte[]> audioPes = parse(sealed).pes().get(AUDIO);
        assertEquals(2, audioPes.size());
        for (int i = 0; i < 2; i++) {
            byte[] a = audioPes.get(i);
            assertEquals(0, a[7] & 0xC0, "no PTS");
            byte[] frame = Arrays.copyOfRange(a, 9 + a[8], a.length);
            int from = 7 + 16;
            int to = from + 16 * ((frame.length - from) / 16);
            System.arraycopy(SampleCipherTest.cbcDecrypt(frame, from, to - from), 0, frame, from, to - from);
            assertArrayEquals(frames[i], frame, "frame " + i);
        }
    }

    @Test
    void theEndOfAPesThatBeganBeforeTheSegmentIsNotPassedOnInTheClear() {
        ByteArrayOutputStream ts = new ByteArrayOutputStream();
        packets(ts, 0, pat(), false);
        packets(ts, PMT, pmt(), false);
        byte[] tail = new byte[184];
        Arrays.fill(tail, (byte) 0x5A);
        byte[] packet = new byte[188];
        packet[0] = 0x47;
        packet[1] = (byte) (VIDEO >> 8); // no payload unit start
        packet[2] = (byte) VIDEO;
        packet[3] = 0x10;
        System.arraycopy(tail, 0, packet, 4, 184);
        ts.writeBytes(packet);
        byte[] clear = ts.toByteArray();
        ByteBuffer out = SampleAesSegment.encrypt(SampleCipherTest.KEY, SampleCipherTest.IV, clear, clear.length);
        assertEquals(2 * 188, out.remaining(), "PAT and PMT only");
    }
}
