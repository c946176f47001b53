package org.openstreamer.connector.demux.ts;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever the bytes, the demuxer does not throw, and what it reports stays consistent. */
class TsDemuxerRobustnessTest {

    private static void assertConsistent(RecordingListener l) {
        assertEquals(l.packetCount(), l.stats.packets());
        for (RecordingListener.Frame f : l.frames) {
            assertTrue(f.packetIndex() < l.packetCount());
            assertEquals(f.track().pid(), l.pidOf(f.packetIndex()));
            assertTrue(l.unitStartOf(f.packetIndex()));
        }
        for (TsTrackStats ts : l.stats.tracks()) {
            assertTrue(ts.bytes() >= 0 && ts.frames() >= ts.keyframes() && ts.bitrate() >= 0 && ts.frameRate() >= 0);
        }
    }

    @Test
    void randomBytesAreDroppedWithoutAnException() {
        Random r = new Random(1);
        for (int size : new int[] {0, 1, 187, 188, 189, 376, 377, 1316, 100_000}) {
            byte[] junk = new byte[size];
            r.nextBytes(junk);
            RecordingListener l = RecordingListener.demux(junk);
            assertConsistent(l);
            assertEquals(size, l.stats.bytesIn());
            assertEquals(size, l.stats.bytesDropped() + 188 * l.stats.packets() + 188 * l.stats.teiPackets());
        }
        byte[] syncs = new byte[188 * 50]; // 0x47 everywhere: a packet at every offset looks confirmed
        Arrays.fill(syncs, TsPacket.SYNC);
        assertConsistent(RecordingListener.demux(syncs));
    }

    @Test
    void mutatedStreamsNeverThrow() {
        byte[] clean = TsFixtures.bytes("short");
        Random r = new Random(5);
        for (int round = 0; round < 300; round++) {
            byte[] ts = clean.clone();
            int flips = 1 + r.nextInt(40);
            for (int i = 0; i < flips; i++) {
                // mostly in headers, where it hurts: the first 24 bytes of a packet
                int p = r.nextInt(ts.length / 188) * 188 + (r.nextBoolean() ? r.nextInt(24) : r.nextInt(188));
                ts[p] = (byte) r.nextInt(256);
            }
            RecordingListener l = RecordingListener.demux(ts);
            assertConsistent(l);
        }
    }

    @Test
    void tinyInputsAndFlush() {
        byte[] clean = TsFixtures.bytes("short");
        RecordingListener none = new RecordingListener();
        TsDemuxer d = new TsDemuxer(none);
        d.feed(clean, 0, 0);
        d.flush();
        d.flush();
        assertEquals(0, d.stats().packets() + d.stats().bytesIn() + d.stats().bytesDropped());

        for (int packets = 1; packets <= 4; packets++) {
            RecordingListener l = new RecordingListener();
            TsDemuxer one = new TsDemuxer(l);
            one.feed(clean, 0, 188 * packets + 100);
            assertTrue(l.packetCount() < packets, "the last packet waits for the next sync byte");
            one.flush();
            assertEquals(packets, l.packetCount(), "flush passes on the complete packets");
            assertEquals(100, one.stats().bytesDropped(), "and drops the partial one");
            // feeding goes on after a flush, searching for sync again
            one.feed(clean, 188 * 10, 188 * 10);
            one.flush();
            assertEquals(packets + 10, l.packetCount());
        }
    }

    @Test
    void oddPacketsAreCounted() {
        TsBuilder b = new TsBuilder().section(0, TsBuilder.pat(1, 0x1000))
                .section(0x1000, TsBuilder.pmt(1, 0, 0x100, new TsBuilder.Es(0x1B, 0x100)));
        byte[] nullPacket = new byte[188];
        nullPacket[0] = 0x47;
        nullPacket[1] = 0x1F;
        nullPacket[2] = (byte) 0xFF;
        nullPacket[3] = 0x10;
        byte[] afTooLong = new byte[188];
        afTooLong[0] = 0x47;
        afTooLong[1] = 0x01;
        afTooLong[3] = 0x30;
        afTooLong[4] = (byte) 183; // leaves no room for the payload it announces
        byte[] reserved = afTooLong.clone();
        reserved[3] = 0x00; // adaptation_field_control 00
        for (int i = 0; i < 5; i++) {
            b.raw(nullPacket);
        }
        b.raw(afTooLong).raw(reserved);
        RecordingListener l = RecordingListener.demux(b.bytes());
        assertEquals(9, l.packetCount());
        assertEquals(1, l.stats.malformedPackets());
        assertEquals(0, l.stats.ccErrors());
        assertEquals(1, l.trackLists.size());
    }

    /** Adaptation-field-only packets (a PID carrying just the PCR) make their PID known too. */
    @Test
    void aPacketOnAPcrOnlyPidBeforeGarbageIsKept() {
        byte[] pcr = new byte[188];
        pcr[0] = 0x47;
        pcr[1] = 0x1F;
        pcr[2] = (byte) 0xF0;
        pcr[3] = 0x20; // adaptation field only, cc 0 (never incremented)
        pcr[4] = (byte) 183;
        pcr[5] = 0x10; // PCR_flag
        byte[] slice = TsDemuxerPsiTest.annexB(new byte[] {0x41, (byte) 0x9A});
        TsBuilder b = new TsBuilder().section(0, TsBuilder.pat(1, 0x1000))
                .section(0x1000, TsBuilder.pmt(1, 0, 0x1FF0, new TsBuilder.Es(0x1B, 0x100)));
        List<byte[]> parts = new java.util.ArrayList<>(TsEdit.packets(b.bytes()));
        for (int i = 0; i < 6; i++) {
            parts.add(pcr);
            parts.addAll(TsEdit.packets(new TsBuilder().pes(0x100, TsBuilder.pes(0xE0, 9000 + 3600 * i, -1, slice, false))
                    .bytes()).stream().map(p -> withCc(p, parts.size())).toList());
        }
        byte[] junk = new byte[300];
        new Random(9).nextBytes(junk);
        junk[0] = 0x00;
        parts.add(parts.size() - 1, junk); // right after the last PCR packet
        RecordingListener l = RecordingListener.demux(TsEdit.join(parts));
        assertEquals(parts.size() - 1, l.packetCount(), "every packet, the one before the garbage included");
        assertEquals(300, l.stats.bytesDropped());
        assertEquals(1, l.stats.syncLosses());
        assertEquals(6, l.frames.size());
    }

    private static byte[] withCc(byte[] packet, int n) {
        byte[] p = packet.clone();
        p[3] = (byte) ((p[3] & 0xF0) | (n / 2 & 15));
        return p;
    }

    @Test
    void programmingErrorsAreRefusedUpFront() {
        assertThrows(NullPointerException.class, () -> new TsDemuxer(null));
        TsDemuxer d = new TsDemuxer(new RecordingListener());
        assertThrows(NullPointerException.class, () -> d.feed(null, 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> d.feed(new byte[10], 5, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> d.feed(new byte[10], -1, 2));
        TsDemuxerLimits ok = TsDemuxerLimits.DEFAULTS;
        for (Runnable bad : List.<Runnable>of(
                () -> ok.withPesLimits(0, 1, 1),
                () -> ok.withJumps(-1, 90_000),
                () -> ok.withJumps(0, 10),
                () -> new TsDemuxerLimits(1, 1, 1, 0, 0, 90_000, 90_000),
                () -> new TsDemuxerLimits(1, 1, 1, 1, 0, 90_000, 10))) {
            assertThrows(IllegalArgumentException.class, bad::run);
        }
    }
}
