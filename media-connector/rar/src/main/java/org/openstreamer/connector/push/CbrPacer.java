package org.openstreamer.connector.push;

import org.openstreamer.connector.demux.ts.TsPackets;

import java.nio.ByteBuffer;

/**
 * Turns a live MPEG-TS into a constant bit rate for DVB muxers ({@code udp://...?cbr=KBIT&pcr=MS}):
 * the output is a row of 188-byte slots at exactly {@code cbr} kbit/s, each filled with the next
 * queued packet or, when none waits, a null packet. Packets leave later than they came by the time
 * they queued, so each PCR is moved forward by that delay, and when the stream's own PCRs are
 * further apart than {@code pcr} ms an adaptation-only packet carrying an interpolated PCR takes
 * a slot. Time is passed in (nanoseconds), so the pacing is tested without a clock.
 *
 * <p>{@link #offer} (the pushes thread) and {@link #fill} (the pacing thread) may run on different
 * threads; both are synchronized, once per batch or datagram, not per packet.
 */
final class CbrPacer {

    static final int SLOT = TsPackets.SIZE;
    static final int SLOTS_PER_DATAGRAM = 7;
    static final int DATAGRAM = SLOT * SLOTS_PER_DATAGRAM;
    /** A pacing thread this late (a long GC pause) skips the slots it missed instead of bursting them. */
    private static final long MAX_LAG_NANOS = 200_000_000L;

    private final double slotNanos;
    private final long pcrIntervalNanos;
    private final byte[] ring;
    private final long[] arrivals;
    private final int capacity;
    private int head;
    private int count;

    private long start = Long.MIN_VALUE;
    private long slotsSent;
    private long slotsSkipped;
    private int pcrPid = -1;
    private int pcrPidCounter;
    private long lastPcr;
    private long lastPcrAt;

    /**
     * @param kbits        the output rate in kbit/s
     * @param pcrMillis    the longest gap between two PCRs on the output
     * @param queueSeconds how much of the stream may wait, at the output rate, before {@link #offer} refuses more
     */
    CbrPacer(int kbits, int pcrMillis, double queueSeconds) {
        double slotsPerSecond = kbits * 1000.0 / (SLOT * 8);
        this.slotNanos = 1e9 / slotsPerSecond;
        this.pcrIntervalNanos = pcrMillis * 1_000_000L;
        this.capacity = Math.max(2 * SLOTS_PER_DATAGRAM, (int) (slotsPerSecond * queueSeconds));
        this.ring = new byte[capacity * SLOT];
        this.arrivals = new long[capacity];
    }

    /** Queues the whole packets of {@code packets} that fit; true when none is left in it. */
    synchronized boolean offer(ByteBuffer packets, long now) {
        while (packets.remaining() >= SLOT && count < capacity) {
            int tail = (head + count) % capacity;
            packets.get(ring, tail * SLOT, SLOT);
            arrivals[tail] = now;
            count++;
        }
        return packets.remaining() < SLOT;
    }

    /**
     * Fills {@code datagram} with the next seven slots if they are due by {@code now}.
     *
     * @return false when the next datagram is not due yet
     */
    synchronized boolean fill(long now, byte[] datagram) {
        if (start == Long.MIN_VALUE) {
            start = now;
        }
        long due = (long) ((now - start) / slotNanos);
        if (due - slotsSent > MAX_LAG_NANOS / slotNanos) {
            long skip = due - slotsSent - SLOTS_PER_DATAGRAM;
            slotsSent += skip;
            slotsSkipped += skip;
        }
        if (due - slotsSent < SLOTS_PER_DATAGRAM) {
            return false;
        }
        for (int i = 0; i < SLOTS_PER_DATAGRAM; i++) {
            fillSlot(start + (long) (slotsSent * slotNanos), datagram, i * SLOT);
            slotsSent++;
        }
        return true;
    }

    private void fillSlot(long at, byte[] out, int o) {
        if (pcrPid >= 0 && at - lastPcrAt >= pcrIntervalNanos) {
            TsPackets.pcrPacket(out, o, pcrPid, pcrPidCounter);
            setPcr(out, o, lastPcr + ticks(at - lastPcrAt), at);
            return;
        }
        if (count == 0) {
            TsPackets.nullPacket(out, o);
            return;
        }
        System.arraycopy(ring, head * SLOT, out, o, SLOT);
        long arrived = arrivals[head];
        head = (head + 1) % capacity;
        count--;
        int pid = TsPackets.pid(out, o);
        if (TsPackets.hasPcr(out, o)) {
            if (pcrPid < 0) {
                pcrPid = pid;
            }
            if (pid == pcrPid) {
                setPcr(out, o, TsPackets.pcr(out, o) + ticks(at - arrived), at);
            }
        }
        if (pid == pcrPid) {
            pcrPidCounter = TsPackets.counter(out, o);
        }
    }

    private void setPcr(byte[] out, int o, long pcr, long at) {
        TsPackets.setPcr(out, o, pcr);
        lastPcr = pcr;
        lastPcrAt = at;
    }

    /** Nanoseconds in 27 MHz ticks. */
    private static long ticks(long nanos) {
        return nanos * 27 / 1000;
    }

    /** Slots skipped because the pacing thread was late (a measure of how steady the output was). */
    synchronized long slotsSkipped() {
        return slotsSkipped;
    }

    synchronized int queued() {
        return count;
    }
}
