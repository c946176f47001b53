package org.openstreamer.connector.demux.ts;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Allocation on the steady-state path, and a throughput figure (printed, not asserted). */
class TsDemuxerHotPathTest {

    /** Counts without allocating. */
    static final class Counting implements TsDemuxListener {
        long packets;
        long frames;
        long keyframes;
        long checksum;

        @Override
        public void onPacket(byte[] buf, int off, int pid) {
            packets++;
            checksum += buf[off + 3];
        }

        @Override
        public void onTracks(List<TsTrack> tracks) {
        }

        @Override
        public void onFrame(long firstPacketIndex, TsTrack track, long pts, long dts, boolean keyframe) {
            frames++;
            if (keyframe) {
                keyframes++;
            }
            checksum += pts;
        }
    }

    private static void feed(TsDemuxer d, byte[] ts, int from, int to, int chunk) {
        for (int off = from; off < to; off += chunk) {
            d.feed(ts, off, Math.min(chunk, to - off));
        }
    }

    @Test
    void steadyStateAllocatesNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "allocation counter not available");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported());
        mx.setThreadAllocatedMemoryEnabled(true);
        byte[] ts = TsFixtures.bytes("h264_aac");
        for (int warm = 0; warm < 5; warm++) {
            TsDemuxer d = new TsDemuxer(new Counting());
            feed(d, ts, 0, ts.length, 1316);
        }
        Counting c = new Counting();
        TsDemuxer d = new TsDemuxer(c);
        int warmUp = 188 * 1000; // tracks, SPS and audio parameters are known by then
        feed(d, ts, 0, warmUp, 1316);
        long thread = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(thread);
        feed(d, ts, warmUp, ts.length, 1316);
        long allocated = mx.getThreadAllocatedBytes(thread) - before;
        long packets = (ts.length - warmUp) / 188;
        System.out.printf("steady state: %d bytes allocated over %d packets and %d frames%n", allocated, packets,
                c.frames);
        assertTrue(c.frames > 500);
        assertTrue(allocated < 4096, allocated + " bytes allocated over " + packets + " packets");
    }

    @Test
    void throughput() {
        byte[] ts = TsFixtures.bytes("throughput");
        for (int chunk : new int[] {1316, 65536}) {
            double[] mbps = new double[12];
            Counting c = null;
            for (int run = 0; run < mbps.length; run++) {
                c = new Counting();
                TsDemuxer d = new TsDemuxer(c);
                long t0 = System.nanoTime();
                feed(d, ts, 0, ts.length, chunk);
                d.flush();
                long ns = System.nanoTime() - t0;
                mbps[run] = ts.length / 1e6 / (ns / 1e9);
            }
            double[] measured = Arrays.copyOfRange(mbps, 4, mbps.length); // the first runs warm the JIT
            Arrays.sort(measured);
            double median = measured[measured.length / 2];
            System.out.printf("throughput: %.1f MB of 20 s 5 Mbit/s H.264+AAC in %d-byte chunks: median %.0f MB/s,"
                    + " best %.0f MB/s (%.0fx real time at the median)%n", ts.length / 1e6, chunk, median,
                    measured[measured.length - 1], median * 8 / 5.2);
            assertEquals(ts.length / 188, c.packets);
            assertEquals(500, c.frames - countAudio(ts));
        }
    }

    private static long countAudio(byte[] ts) {
        RecordingListener l = RecordingListener.demux(ts);
        return l.framesOf(0x101).size();
    }
}
