package org.openstreamer.connector.push;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.demux.ts.TsPackets;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CbrPacerTest {

    private static final int KBITS = 2000;
    private static final double SLOT_NANOS = 188 * 8 * 1e9 / (KBITS * 1000.0);
    private static final long MS = 1_000_000;
    private static final int VIDEO = 0x100;
    private static final int AUDIO = 0x101;

    /** A source at about 1 Mbit/s (one packet every 1.5 ms), with a PCR on the video PID every 100 ms. */
    private static byte[] sourcePacket(long nanos, int n) {
        byte[] p = new byte[188];
        int pid = n % 4 == 3 ? AUDIO : VIDEO;
        p[0] = 0x47;
        p[1] = (byte) (pid >> 8);
        p[2] = (byte) pid;
        boolean pcr = pid == VIDEO && nanos % (100 * MS) < 1_500_000;
        if (pcr) {
            p[3] = (byte) (0x30 | (n & 0x0F));
            p[4] = 7;
            p[5] = 0x10;
            TsPackets.setPcr(p, 0, 1_000_000_000L + nanos * 27 / 1000);
        } else {
            p[3] = (byte) (0x10 | (n & 0x0F));
        }
        p[187] = (byte) n;
        return p;
    }

    @Test
    void outputIsExactlyTheRateWithTheStreamInOrderPaddedAndPcrsRestampedToTheirSlots() {
        CbrPacer pacer = new CbrPacer(KBITS, 20, 1.0);
        byte[] datagram = new byte[CbrPacer.DATAGRAM];
        List<byte[]> slots = new ArrayList<>();
        int sent = 0;
        long nextPacket = 0;
        for (long now = 0; now <= 2000 * MS; now += MS) {
            while (nextPacket <= now) {
                assertTrue(pacer.offer(ByteBuffer.wrap(sourcePacket(nextPacket, sent)), nextPacket));
                sent++;
                nextPacket += 1_500_000;
            }
            while (pacer.fill(now, datagram)) {
                for (int i = 0; i < 7; i++) {
                    byte[] slot = new byte[188];
                    System.arraycopy(datagram, i * 188, slot, 0, 188);
                    slots.add(slot);
                }
            }
        }
        // Two seconds at 2000 kbit/s, less the datagram not yet due.
        long expected = (long) (2000 * MS / SLOT_NANOS);
        assertTrue(Math.abs(slots.size() - expected) < 7, slots.size() + " slots, expected " + expected);

        int nextData = 0;
        int nulls = 0;
        long pcrOffset = Long.MIN_VALUE;
        int lastPcrSlot = -1;
        int longestGap = 0;
        for (int k = 0; k < slots.size(); k++) {
            byte[] s = slots.get(k);
            assertEquals(0x47, s[0] & 0xFF);
            int pid = TsPackets.pid(s, 0);
            if (pid == TsPackets.NULL_PID) {
                nulls++;
                continue;
            }
            if (TsPackets.hasPcr(s, 0)) {
                long offset = TsPackets.pcr(s, 0) - (long) (k * SLOT_NANOS) * 27 / 1000;
                if (pcrOffset == Long.MIN_VALUE) {
                    pcrOffset = offset;
                }
                assertTrue(Math.abs(offset - pcrOffset) <= 2, "PCR of slot " + k + " off by " + (offset - pcrOffset) + " ticks");
                if (lastPcrSlot >= 0) {
                    longestGap = Math.max(longestGap, k - lastPcrSlot);
                }
                lastPcrSlot = k;
            }
            boolean adaptationOnly = (s[3] & 0x30) == 0x20;
            if (!adaptationOnly) {
                assertEquals((byte) nextData, s[187], "source packets leave in order");
                nextData++;
            }
        }
        assertTrue(nextData >= sent - 20, nextData + " of " + sent + " source packets out");
        assertTrue(nulls > slots.size() / 3, "the rest is padding: " + nulls);
        assertTrue(longestGap * SLOT_NANOS <= 20 * MS + SLOT_NANOS, "longest PCR gap " + longestGap * SLOT_NANOS / MS + " ms");
        assertEquals(0, pacer.slotsSkipped());
    }

    @Test
    void aFullQueueRefusesMoreAndALatePacingThreadSkipsInsteadOfBursting() {
        CbrPacer pacer = new CbrPacer(KBITS, 20, 0.1);
        ByteBuffer many = ByteBuffer.allocate(1000 * 188);
        for (int i = 0; i < 1000; i++) {
            many.put(sourcePacket(5 * MS, i));
        }
        many.flip();
        assertFalse(pacer.offer(many, 0));
        assertTrue(many.hasRemaining());
        int queued = pacer.queued();
        assertTrue(queued < 1000 && queued >= 100, "queued " + queued);

        byte[] datagram = new byte[CbrPacer.DATAGRAM];
        assertFalse(pacer.fill(0, datagram), "nothing due at the start");
        int burst = 0;
        while (pacer.fill(1000 * MS, datagram)) {
            burst++;
        }
        assertTrue(burst * 7 * SLOT_NANOS <= 210 * MS, burst + " datagrams sent after a one-second stall");
        assertTrue(pacer.slotsSkipped() > 0);
    }
}
