package org.openstreamer.connector.packager.hls;

import org.openstreamer.connector.mux.ts.ProgramSubset;

import org.openstreamer.connector.buffer.PacketStore;
import org.openstreamer.connector.demux.ts.TsPackets;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A live segment as one variant sees it: only the packets of the kept tracks, under a PAT and
 * PMT that name only them. Built once per segment and variant (the caller keeps it) into one
 * buffer, so every viewer of the variant is then served without further work.
 */
public final class VariantSegment {

    private static final int SIZE = PacketStore.PACKET_SIZE;

    private VariantSegment() {
    }

    /**
     * @param segment  a segment the caller holds
     * @param keptPids the elementary streams the variant carries
     * @return the variant's bytes, or null when the segment's program tables cannot be reduced
     *         (none seen yet, or a PMT longer than one packet)
     */
    public static ByteBuffer build(Segment segment, int[] keptPids) throws IOException {
        ProgramSubset subset = ProgramSubset.of(segment.tables(), keptPids);
        if (subset == null) {
            return null;
        }
        byte[] tables = subset.tables(segment.tables());
        ByteBuffer[] packets = segment.packetBuffers();
        long size = 0;
        for (ByteBuffer b : packets) {
            size += b.remaining();
        }
        ByteBuffer out = ByteBuffer.allocate((int) (tables.length + size));
        out.put(tables);
        byte[] in = new byte[SIZE];
        byte[] replaced = new byte[SIZE];
        for (ByteBuffer block : packets) {
            for (int at = 0; at < block.limit(); at += SIZE) {
                byte action = subset.action(TsPackets.pid(block, at));
                if (action == ProgramSubset.KEEP) {
                    out.put(out.position(), block, at, SIZE).position(out.position() + SIZE);
                } else if (action != ProgramSubset.DROP) {
                    block.get(at, in);
                    if (subset.replace(action, in, 0, replaced, 0)) {
                        out.put(replaced);
                    }
                }
            }
        }
        return out.flip();
    }
}
