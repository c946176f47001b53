package org.openstreamer.connector.ingest.hls;

import java.io.IOException;

/**
 * TS packets of one variant waiting for the others, each with the timestamp that places it
 * ({@link VariantPackets}): a ring of whole packets that grows by doubling up to a limit, so a
 * steady flow allocates nothing.
 */
final class PacketQueue {

    private static final int SIZE = 188;

    private final int maxPackets;
    private byte[] data = new byte[256 * SIZE];
    private long[] tags = new long[256];
    private int head;
    private int size;

    /** @param maxBytes how much may wait before the variant is given up (its timing does not fit the others') */
    PacketQueue(int maxBytes) {
        this.maxPackets = Math.max(256, maxBytes / SIZE);
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The timestamp of the oldest packet; only when not empty. */
    long headTag() {
        return tags[head];
    }

    /** Appends the packet at {@code src[off]}. */
    void add(byte[] src, int off, long tag) throws IOException {
        if (size == tags.length) {
            grow();
        }
        int at = (head + size) % tags.length;
        System.arraycopy(src, off, data, at * SIZE, SIZE);
        tags[at] = tag;
        size++;
    }

    /** Moves the oldest packet to {@code dst[off]}. */
    void take(byte[] dst, int off) {
        System.arraycopy(data, head * SIZE, dst, off, SIZE);
        head = (head + 1) % tags.length;
        size--;
    }

    private void grow() throws IOException {
        if (tags.length >= maxPackets) {
            throw new IOException("more than " + (long) maxPackets * SIZE / (1024 * 1024) + " MiB waiting for the other variants");
        }
        int capacity = Math.min(maxPackets, tags.length * 2);
        byte[] d = new byte[capacity * SIZE];
        long[] t = new long[capacity];
        for (int i = 0; i < size; i++) {
            int from = (head + i) % tags.length;
            System.arraycopy(data, from * SIZE, d, i * SIZE, SIZE);
            t[i] = tags[from];
        }
        data = d;
        tags = t;
        head = 0;
    }
}
