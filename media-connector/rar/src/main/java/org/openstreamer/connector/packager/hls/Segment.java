package org.openstreamer.connector.packager.hls;

import org.openstreamer.connector.api.ByteSink;
import org.openstreamer.connector.api.DvrPaths;
import org.openstreamer.connector.buffer.PacketStore;
import org.openstreamer.connector.buffer.PinnedRange;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A closed live segment: packets from one keyframe up to the next cut, preceded by the program
 * tables (PAT, PMT) so that each segment decodes on its own. Immutable and shared by all viewers.
 *
 * @param sequence      media sequence number, increasing by one per segment of the stream
 * @param startPts      90 kHz PTS of the first keyframe
 * @param duration      90 kHz ticks
 * @param startMillis   wall-clock start (Unix ms), for EXT-X-PROGRAM-DATE-TIME and the segment's name
 * @param discontinuity the first segment after a publisher reconnect
 */
public record Segment(long sequence, long firstPacket, long startPts, long duration, long startMillis,
                      boolean discontinuity, byte[] tables, PinnedRange packets, String path) {

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
        return tables.length + packets.packets() * PacketStore.PACKET_SIZE;
    }

    /** The segment's bytes as views: the tables, then slices of the shared packet blocks. */
    public ByteBuffer[] buffers() {
        ByteBuffer[] slices = packets.slices();
        ByteBuffer[] out = new ByteBuffer[slices.length + 1];
        out[0] = ByteBuffer.wrap(tables);
        System.arraycopy(slices, 0, out, 1, slices.length);
        return out;
    }

    /** Writes the whole segment; the packet bytes are the shared blocks, never copied here. */
    public void writeTo(ByteSink sink) throws IOException {
        sink.write(ByteBuffer.wrap(tables));
        for (ByteBuffer b : packets.slices()) {
            sink.write(b);
        }
    }
}
