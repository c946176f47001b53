package org.openstreamer.connector.packager.hls;

import org.openstreamer.connector.api.DvrPaths;
import org.openstreamer.connector.buffer.PacketStore;
import org.openstreamer.connector.buffer.PinnedRange;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A closed live segment: packets from one keyframe up to the next cut, preceded by the program
 * tables (PAT, PMT) so that each segment decodes on its own. Immutable and shared by all viewers.
 * Its bytes are either in a memory file ({@code file}, tables included) or, when there is none,
 * the tables and views of the store's blocks ({@code packets}).
 *
 * @param sequence      media sequence number, increasing by one per segment of the stream
 * @param startPts      90 kHz PTS of the first keyframe
 * @param duration      90 kHz ticks
 * @param startMillis   wall-clock start (Unix ms), for EXT-X-PROGRAM-DATE-TIME and the segment's name
 * @param discontinuity the first segment after a publisher reconnect
 * @param packets       the packets in the heap, or null when {@code file} holds them
 * @param file          the whole segment in a memory file, or null
 */
public record Segment(long sequence, long firstPacket, long startPts, long duration, long startMillis,
                      boolean discontinuity, byte[] tables, PinnedRange packets, SegmentFile file, String path) {

    /** {@code 2026/11/21/11/30/04-04000.ts}: UTC start and duration in ms, the name it has in the archive too. */
    static String pathFor(long startMillis, long duration) {
        return DvrPaths.relative(startMillis, duration / 90);
    }

    public long durationMillis() {
        return duration / 90;
    }

    public double seconds() {
        return duration / 90_000.0;
    }

    public long size() {
        return file != null ? file.size() : tables.length + packets.packets() * PacketStore.PACKET_SIZE;
    }

    /**
     * Takes a hold on the segment's bytes for a reader that outlives the live window (a queued DVR
     * write, an HTTP send); false when they are gone. Heap segments are always there.
     */
    public boolean hold() {
        return file == null || file.hold();
    }

    /** Gives back a hold taken with {@link #hold} (the live window gives back its own when the segment leaves it). */
    public void release() {
        if (file != null) {
            file.release();
        }
    }

    /** The packets after the tables as heap buffers (read from the file, or views of the blocks); the caller holds the segment. */
    public ByteBuffer[] packetBuffers() throws IOException {
        if (file == null) {
            return packets.slices();
        }
        return new ByteBuffer[] {file.read(tables.length, (int) (file.size() - tables.length))};
    }

    /**
     * Up to {@code length} bytes of the packets after the tables, from {@code offset} on, as a new
     * heap buffer: a piece at a time for a reader that needs only the start (a thumbnail's
     * keyframe). Empty past the end; the caller holds the segment.
     */
    public ByteBuffer readPackets(long offset, int length) throws IOException {
        long total = size() - tables.length;
        int n = (int) Math.max(0, Math.min(length, total - offset));
        if (file != null) {
            return file.read(tables.length + offset, n);
        }
        ByteBuffer out = ByteBuffer.allocate(n);
        long skip = offset;
        for (ByteBuffer slice : packets.slices()) {
            if (!out.hasRemaining()) {
                break;
            }
            if (skip >= slice.remaining()) {
                skip -= slice.remaining();
                continue;
            }
            ByteBuffer part = slice.duplicate();
            part.position(part.position() + (int) skip);
            skip = 0;
            part.limit(part.position() + Math.min(part.remaining(), out.remaining()));
            out.put(part);
        }
        return out.flip();
    }

    /** The segment's bytes as views: the tables, then slices of the shared packet blocks (heap segments only). */
    public ByteBuffer[] buffers() {
        return buffers(tables, packets);
    }

    static ByteBuffer[] buffers(byte[] tables, PinnedRange packets) {
        ByteBuffer[] slices = packets.slices();
        ByteBuffer[] out = new ByteBuffer[slices.length + 1];
        out[0] = ByteBuffer.wrap(tables);
        System.arraycopy(slices, 0, out, 1, slices.length);
        return out;
    }

    /** The whole segment in one array (the caller holds it): for uploads that need the bytes themselves. */
    public byte[] bytes() throws IOException {
        ByteBuffer whole = ByteBuffer.allocate(Math.toIntExact(size()));
        if (file != null) {
            whole.put(file.read(0, whole.capacity()));
        } else {
            for (ByteBuffer b : buffers()) {
                whole.put(b.duplicate());
            }
        }
        return whole.array();
    }

    /** Copies the whole segment to the end of {@code target} (the caller holds it): file to file in the kernel when it can. */
    public void copyTo(FileChannel target) throws IOException {
        if (file == null) {
            for (ByteBuffer b : buffers()) {
                while (b.hasRemaining()) {
                    target.write(b);
                }
            }
            return;
        }
        long at = 0;
        while (at < file.size()) {
            long n = file.channel().transferTo(at, file.size() - at, target);
            if (n <= 0) {
                throw new IOException("segment file ended at " + at + " of " + file.size() + " bytes");
            }
            at += n;
        }
    }
}
