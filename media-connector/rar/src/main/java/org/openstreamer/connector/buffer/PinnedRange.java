package org.openstreamer.connector.buffer;

import java.nio.ByteBuffer;

/**
 * Packets of a closed range of a {@link PacketStore}, kept alive by its own references to the
 * store's blocks (the store may have let go of them).
 *
 * @param blocks             the blocks, in order
 * @param firstPacketInBlock where the range starts in the first block
 * @param packets            how many packets it holds
 */
public record PinnedRange(byte[][] blocks, int firstPacketInBlock, long packets) {

    /** The range as views of its blocks, one per block, in order (readers must not write to them). */
    public ByteBuffer[] slices() {
        ByteBuffer[] out = new ByteBuffer[blocks.length];
        long left = packets;
        int offset = firstPacketInBlock;
        for (int i = 0; i < blocks.length; i++) {
            int n = (int) Math.min(left, PacketStore.PACKETS_PER_BLOCK - offset);
            out[i] = ByteBuffer.wrap(blocks[i], offset * PacketStore.PACKET_SIZE, n * PacketStore.PACKET_SIZE).slice();
            left -= n;
            offset = 0;
        }
        return out;
    }
}
