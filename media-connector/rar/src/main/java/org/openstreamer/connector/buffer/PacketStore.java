package org.openstreamer.connector.buffer;

import org.openstreamer.connector.api.ByteSink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live TS packets of one stream, appended in fixed-size blocks that never change once
 * written. One writer (the ingest thread) appends; any number of readers (segments, HTTP and SRT
 * viewers, the DVR writer) read ranges of packet indexes. Packet bytes are copied once, here, and
 * then shared as views. The blocks are heap arrays on purpose: direct buffers would spare the JDK
 * a copy into its socket buffer, but their memory comes back only when a GC happens to collect
 * them, so a busy server would run into the direct memory limit and a full GC every few minutes.
 *
 * <p>Visibility: the writer fills a packet, then publishes it by writing the volatile size;
 * readers read the size first. Blocks before {@link #first()} are released to the GC; a segment
 * that still needs them keeps its own references ({@link #pin}).
 */
public final class PacketStore {

    public static final int PACKET_SIZE = 188;
    /** 350 packets (64 KiB): a multiple of 7, the packets of one SRT message. */
    static final int PACKETS_PER_BLOCK = 350;
    static final int BLOCK_BYTES = PACKET_SIZE * PACKETS_PER_BLOCK;

    private final ConcurrentHashMap<Long, byte[]> blocks = new ConcurrentHashMap<>();
    private byte[] current;
    private long currentBlock = -1;
    private volatile long size;
    private volatile long first;

    /** Appends the packet at {@code buf[off .. off+188)}; its index is the previous {@link #size()}. */
    public void append(byte[] buf, int off) {
        long index = size;
        long block = index / PACKETS_PER_BLOCK;
        if (block != currentBlock) {
            current = new byte[BLOCK_BYTES];
            currentBlock = block;
            blocks.put(block, current);
        }
        System.arraycopy(buf, off, current, (int) (index % PACKETS_PER_BLOCK) * PACKET_SIZE, PACKET_SIZE);
        size = index + 1;
    }

    /** Packets appended so far; readers may read indexes below this. */
    public long size() {
        return size;
    }

    /** The oldest packet index still held. */
    public long first() {
        return first;
    }

    /** Lets go of the blocks holding only packets before {@code index}. */
    public void releaseBefore(long index) {
        long keepFrom = Math.min(index, size) / PACKETS_PER_BLOCK * PACKETS_PER_BLOCK;
        long from = first;
        if (keepFrom <= from) {
            return;
        }
        first = keepFrom; // readers check this before fetching a block
        for (long b = from / PACKETS_PER_BLOCK; b < keepFrom / PACKETS_PER_BLOCK; b++) {
            blocks.remove(b);
        }
    }

    /**
     * Writes packets {@code [from, to)} to {@code sink} as contiguous slices of the blocks.
     * Returns false, writing nothing more, if some of them were already released.
     */
    public boolean write(long from, long to, ByteSink sink) throws IOException {
        long i = from;
        while (i < to) {
            if (i < first) {
                return false;
            }
            byte[] block = blocks.get(i / PACKETS_PER_BLOCK);
            if (block == null) {
                return false;
            }
            int inBlock = (int) (i % PACKETS_PER_BLOCK);
            int n = (int) Math.min(to - i, PACKETS_PER_BLOCK - inBlock);
            sink.write(ByteBuffer.wrap(block, inBlock * PACKET_SIZE, n * PACKET_SIZE));
            i += n;
        }
        return true;
    }

    /** The blocks holding packets {@code [from, to)}, in order, for a segment to keep. */
    PinnedRange pin(long from, long to) {
        int firstBlock = (int) (from / PACKETS_PER_BLOCK);
        int lastBlock = (int) ((to - 1) / PACKETS_PER_BLOCK);
        byte[][] held = new byte[lastBlock - firstBlock + 1][];
        for (int b = firstBlock; b <= lastBlock; b++) {
            held[b - firstBlock] = blocks.get((long) b);
        }
        return new PinnedRange(held, (int) (from % PACKETS_PER_BLOCK), to - from);
    }
}
