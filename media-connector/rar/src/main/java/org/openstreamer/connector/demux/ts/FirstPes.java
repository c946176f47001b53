package org.openstreamer.connector.demux.ts;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Gathers the payload of the first whole PES on one PID from stored TS packets, with the
 * demuxer's own {@link PesAssembler}: for work off the media path that needs one access unit (a
 * thumbnail's keyframe at the start of a segment). Feed packet runs in order until {@link #done};
 * a PES that is still open when the packets end is taken as it is ({@link #finish}).
 */
public final class FirstPes implements PesAssembler.Handler {

    private final int pid;
    private final PesAssembler assembler;
    private final DemuxCounters counters = new DemuxCounters();
    private final ByteArrayOutputStream payload = new ByteArrayOutputStream();
    private boolean started;
    private boolean done;
    private long index;

    /** @param maxBytes a PES bigger than this is dropped (nothing is returned) */
    public FirstPes(int pid, int maxBytes) {
        this.pid = pid;
        this.assembler = new PesAssembler(this, counters, maxBytes);
    }

    /** Reads whole packets of {@code packets} (position to limit); returns true once the PES is complete. */
    public boolean feed(ByteBuffer packets) {
        if (!packets.hasArray()) {
            throw new IllegalArgumentException("heap buffers only");
        }
        byte[] a = packets.array();
        int end = packets.arrayOffset() + packets.limit();
        for (int p = packets.arrayOffset() + packets.position(); p + TsPacket.SIZE <= end && !done; p += TsPacket.SIZE) {
            packet(a, p);
        }
        return done;
    }

    private void packet(byte[] a, int p) {
        index++;
        if (a[p] != TsPacket.SYNC || TsPacket.transportError(a, p) || TsPacket.pid(a, p) != pid
                || !TsPacket.hasPayload(a, p)) {
            return;
        }
        int offset = TsPacket.payloadOffset(a, p);
        if (offset == TsPacket.MALFORMED || offset >= TsPacket.SIZE) {
            return;
        }
        assembler.payload(a, p + offset, p + TsPacket.SIZE, TsPacket.payloadUnitStart(a, p), index);
    }

    /** The packets ended: an open PES (video PES have no length) ends here. */
    public void finish() {
        if (!done) {
            assembler.abort();
        }
    }

    public boolean done() {
        return done;
    }

    /** The PES payload (for video, an Annex-B access unit), or null when none was complete. */
    public byte[] payload() {
        return done && counters.oversizePes == 0 && payload.size() > 0 ? payload.toByteArray() : null;
    }

    @Override
    public void pesStart(long packetIndex, long pts, long dts) {
        started = true;
    }

    @Override
    public void pesPayload(byte[] a, int from, int to) {
        if (started && !done) {
            payload.write(a, from, to - from);
        }
    }

    @Override
    public void pesEnd() {
        if (started && !done) {
            done = true;
        }
    }
}
