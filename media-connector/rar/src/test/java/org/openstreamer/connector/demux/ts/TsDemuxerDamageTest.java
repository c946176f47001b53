package org.openstreamer.connector.demux.ts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damaged streams: counted, survived, and the frames are back at the next keyframe. */
class TsDemuxerDamageTest {

    private static final int VIDEO = 0x100;
    private static final int AUDIO = 0x101;

    /** The damaged bytes and the clean packet index where the damage is. */
    record Damaged(byte[] bytes, int at) {
    }

    /**
     * @param allFramesKept no PES start was lost: every frame of the clean run comes out the same
     */
    record Case(String name, Function<List<byte[]>, Damaged> damage, long syncLosses, long bytesDropped,
                long ccErrors, long teiPackets, long duplicates, int packetDelta, boolean allFramesKept) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static byte[] junk(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("1000 random bytes between packets", ps -> {
                    List<byte[]> out = new ArrayList<>(ps);
                    out.add(2000, junk(1000, 1));
                    return new Damaged(TsEdit.join(out), 2000);
                }, 1, 1000, 0, 0, 0, 0, true),
                new Case("500 random bytes before the first packet", ps -> {
                    List<byte[]> out = new ArrayList<>(ps);
                    out.add(0, junk(500, 2));
                    return new Damaged(TsEdit.join(out), 0);
                }, 0, 500, 0, 0, 0, 0, true),
                new Case("a video packet cut to 100 bytes", ps -> {
                    int i = TsEdit.midPes(ps, 2000, VIDEO);
                    List<byte[]> out = new ArrayList<>(ps);
                    out.set(i, java.util.Arrays.copyOf(ps.get(i), 100));
                    return new Damaged(TsEdit.join(out), i);
                }, 1, 100, 1, 0, 0, -1, true),
                new Case("a video packet cut to 1 byte", ps -> {
                    int i = TsEdit.midPes(ps, 3000, VIDEO);
                    List<byte[]> out = new ArrayList<>(ps);
                    out.set(i, new byte[] {0x47});
                    return new Damaged(TsEdit.join(out), i);
                }, 1, 1, 1, 0, 0, -1, true),
                new Case("a flipped sync byte", ps -> {
                    int i = TsEdit.midPes(ps, 2500, VIDEO);
                    List<byte[]> out = new ArrayList<>(ps);
                    byte[] p = ps.get(i).clone();
                    p[0] = 0x46;
                    out.set(i, p);
                    return new Damaged(TsEdit.join(out), i);
                }, 1, 188, 1, 0, 0, -1, true),
                new Case("transport_error_indicator on three packets", ps -> {
                    List<byte[]> out = new ArrayList<>(ps);
                    int i = 0;
                    for (int k = 0; k < 3; k++) {
                        i = TsEdit.midPes(ps, 1000 + k * 1000, VIDEO);
                        byte[] p = ps.get(i).clone();
                        p[1] |= (byte) 0x80;
                        out.set(i, p);
                    }
                    return new Damaged(TsEdit.join(out), i);
                }, 0, 0, 3, 3, 0, -3, true),
                new Case("four video packets lost", ps -> {
                    List<byte[]> out = new ArrayList<>(ps);
                    int first = 0;
                    for (int k = 3; k >= 0; k--) {
                        first = TsEdit.midPes(ps, 800 + k * 1100, VIDEO);
                        out.remove(first);
                    }
                    return new Damaged(TsEdit.join(out), first);
                }, 0, 0, 4, 0, 0, -4, true),
                new Case("a duplicated packet", ps -> {
                    int i = TsEdit.midPes(ps, 1500, VIDEO);
                    List<byte[]> out = new ArrayList<>(ps);
                    out.add(i + 1, ps.get(i));
                    return new Damaged(TsEdit.join(out), i);
                }, 0, 0, 0, 0, 1, 1, true),
                new Case("the packet holding the second keyframe's PES header lost", ps -> {
                    int i = TsEdit.find(ps, 0, 1, k -> isKeyframeStart(ps.get(k)));
                    List<byte[]> out = new ArrayList<>(ps);
                    out.remove(i);
                    return new Damaged(TsEdit.join(out), i);
                }, 0, 0, 1, 0, 0, -1, false),
                new Case("5000 bytes cut out of an audio frame's middle", ps -> {
                    int i = TsEdit.find(ps, 3000, 0, k -> TsEdit.pid(ps.get(k)) == AUDIO);
                    byte[] all = TsEdit.join(ps);
                    int from = i * 188 + 60;
                    byte[] out = new byte[all.length - 5000];
                    System.arraycopy(all, 0, out, 0, from);
                    System.arraycopy(all, from + 5000, out, from, all.length - from - 5000);
                    return new Damaged(out, i);
                }, 1, -1, -1, 0, 0, -27, false));
    }

    /** An H.264 PES whose payload starts with the AUD ffmpeg writes, then SPS: a keyframe. */
    static boolean isKeyframeStart(byte[] p) {
        if (TsEdit.pid(p) != VIDEO || !TsEdit.unitStart(p)) {
            return false;
        }
        int off = TsPacket.payloadOffset(p, 0);
        int pes = off + 9 + (p[off + 8] & 0xFF);
        for (int i = pes; i + 4 < 188; i++) {
            if (p[i] == 0 && p[i + 1] == 0 && p[i + 2] == 1) {
                int type = p[i + 3] & 0x1F;
                if (type == 7 || type == 5) {
                    return true;
                }
                if (type == 1) {
                    return false;
                }
            }
        }
        return false;
    }

    record Key(int pid, long pts, long dts, boolean keyframe) {
    }

    static List<Key> keys(List<RecordingListener.Frame> frames) {
        return frames.stream().map(f -> new Key(f.track().pid(), f.pts(), f.dts(), f.keyframe())).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void damageIsCountedAndSurvived(Case c) {
        byte[] clean = TsFixtures.bytes("h264_aac");
        List<byte[]> cleanPackets = TsEdit.packets(clean);
        RecordingListener ok = RecordingListener.demux(clean);
        Damaged d = c.damage().apply(cleanPackets);
        RecordingListener bad = RecordingListener.demux(d.bytes());
        TsDemuxStats s = bad.stats;

        assertEquals(c.syncLosses(), s.syncLosses(), "sync losses");
        if (c.bytesDropped() >= 0) {
            assertEquals(c.bytesDropped(), s.bytesDropped(), "bytes dropped");
        }
        if (c.ccErrors() >= 0) {
            assertEquals(c.ccErrors(), s.ccErrors(), "cc errors");
        }
        assertEquals(c.teiPackets(), s.teiPackets(), "TEI packets");
        assertEquals(c.duplicates(), s.duplicatePackets(), "duplicates");
        assertEquals(cleanPackets.size() + c.packetDelta(), bad.packetCount(), "packets passed on");
        assertEquals(bad.packetCount(), s.packets());
        assertOnlyCleanPackets(ok, bad);

        List<Key> want = keys(ok.frames);
        List<Key> got = keys(bad.frames);
        if (c.allFramesKept()) {
            assertEquals(want, got);
            if (c.packetDelta() >= 0) { // no payload lost: the same elementary stream bytes, counted once
                assertEquals(ok.stats.tracks().stream().map(TsTrackStats::bytes).toList(),
                        s.tracks().stream().map(TsTrackStats::bytes).toList());
            }
        } else {
            long cleanKeyAfter = ok.frames.stream()
                    .filter(f -> f.keyframe() && f.track().pid() == VIDEO && f.packetIndex() > d.at())
                    .mapToLong(RecordingListener.Frame::packetIndex).findFirst().orElseThrow();
            int from = (int) ok.frames.stream().filter(f -> f.packetIndex() < cleanKeyAfter).count();
            List<Key> tail = want.subList(from, want.size());
            assertTrue(got.size() < want.size(), "some frames are lost");
            assertEquals(tail, got.subList(got.size() - tail.size(), got.size()), "back from the next keyframe on");
        }
        // frames point at packets of their own PID that start a PES, in the damaged run too
        for (RecordingListener.Frame f : bad.frames) {
            assertEquals(f.track().pid(), bad.pidOf(f.packetIndex()));
            assertTrue(bad.unitStartOf(f.packetIndex()));
        }
    }

    /** Every packet passed on is one of the clean stream's (TEI packets aside, which are not passed on). */
    private static void assertOnlyCleanPackets(RecordingListener clean, RecordingListener damaged) {
        Set<String> known = new HashSet<>(clean.events);
        int index = 0;
        for (String e : damaged.events) {
            if (e.startsWith("P ")) {
                int i = index++;
                assertTrue(known.contains(e), () -> "packet " + i + " is not in the clean stream");
            }
        }
    }

    /** Random garbage of random lengths at random places, many times: never a foreign packet. */
    @Test
    void randomGarbageNeverPassesAsPackets() {
        byte[] clean = TsFixtures.bytes("short");
        List<byte[]> packets = TsEdit.packets(clean);
        RecordingListener ok = RecordingListener.demux(clean);
        Random r = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<byte[]> out = new ArrayList<>(packets);
            int bursts = 1 + r.nextInt(5);
            long junkBytes = 0;
            for (int b = 0; b < bursts; b++) {
                int length = 1 + r.nextInt(700);
                if (length % 188 == 0) {
                    length++; // 188 bytes starting with 0x47 are a packet as far as framing can tell
                }
                byte[] junk = junk(length, r.nextLong());
                if (r.nextInt(4) == 0) {
                    junk[0] = TsPacket.SYNC; // looks like a packet start
                }
                junkBytes += junk.length;
                out.add(1 + r.nextInt(out.size() - 1), junk);
            }
            RecordingListener bad = RecordingListener.demux(TsEdit.join(out));
            assertOnlyCleanPackets(ok, bad);
            assertTrue(bad.stats.bytesDropped() >= junkBytes, "round " + round);
            assertTrue(bad.stats.syncLosses() >= 1 && bad.stats.syncLosses() <= bursts, "round " + round);
            assertTrue(bad.packetCount() >= packets.size() - 2 * bursts, "round " + round);
        }
    }
}
