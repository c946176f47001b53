package org.openstreamer.connector.buffer;

import org.openstreamer.connector.api.ByteSink;
import org.openstreamer.connector.api.MediaSegment;

import java.io.IOException;

/**
 * A live segment as one variant sees it: only the packets of the kept tracks, under a PAT and
 * PMT that name only them. Made per request over the shared blocks of a {@link Segment}: kept
 * packets go to the sink in runs straight from those blocks; only the few replaced table and PCR
 * packets pass through a buffer of this request.
 */
public final class VariantSegment implements MediaSegment {

    private static final int SIZE = PacketStore.PACKET_SIZE;

    private final Segment segment;
    private final ProgramSubset subset;
    private final byte[] tables;
    private long size = -1;

    private VariantSegment(Segment segment, ProgramSubset subset) {
        this.segment = segment;
        this.subset = subset;
        this.tables = subset.tables(segment.tables());
    }

    /**
     * @param keptPids the elementary streams the variant carries
     * @return the variant, or null when the segment's program tables cannot be reduced (none seen
     *         yet, or a PMT longer than one packet)
     */
    public static VariantSegment of(Segment segment, int[] keptPids) {
        ProgramSubset subset = ProgramSubset.of(segment.tables(), keptPids);
        return subset == null ? null : new VariantSegment(segment, subset);
    }

    @Override
    public long size() {
        if (size < 0) {
            try {
                size = walk(null);
            } catch (IOException e) {
                throw new IllegalStateException(e); // counting writes nothing
            }
        }
        return size;
    }

    @Override
    public String contentType() {
        return segment.contentType();
    }

    @Override
    public void writeTo(ByteSink sink) throws IOException {
        walk(sink);
    }

    /** Writes the variant to {@code sink}, or only counts its bytes when the sink is null. */
    private long walk(ByteSink sink) throws IOException {
        if (sink != null) {
            sink.write(tables, 0, tables.length);
        }
        long bytes = tables.length;
        byte[] replaced = new byte[SIZE];
        PacketStore.PinnedRange range = segment.packets();
        long left = range.packets();
        int from = range.firstPacketInBlock();
        for (byte[] block : range.blocks()) {
            int to = (int) Math.min(PacketStore.PACKETS_PER_BLOCK, from + left);
            left -= to - from;
            int run = -1; // first packet of the pending run of kept packets
            for (int i = from; i < to; i++) {
                int at = i * SIZE;
                byte action = subset.action(((block[at + 1] & 0x1F) << 8) | (block[at + 2] & 0xFF));
                if (action == ProgramSubset.KEEP) {
                    run = run < 0 ? i : run;
                    continue;
                }
                bytes += flush(sink, block, run, i);
                run = -1;
                if (action != ProgramSubset.DROP && subset.replace(action, block, at, replaced, 0)) {
                    if (sink != null) {
                        sink.write(replaced, 0, SIZE);
                    }
                    bytes += SIZE;
                }
            }
            bytes += flush(sink, block, run, to);
            from = 0;
        }
        return bytes;
    }

    private static long flush(ByteSink sink, byte[] block, int run, int end) throws IOException {
        if (run < 0) {
            return 0;
        }
        int length = (end - run) * SIZE;
        if (sink != null) {
            sink.write(block, run * SIZE, length);
        }
        return length;
    }
}
