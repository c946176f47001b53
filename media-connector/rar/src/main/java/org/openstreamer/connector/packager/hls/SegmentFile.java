package org.openstreamer.connector.packager.hls;

import org.openstreamer.connector.api.HeldFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bytes of one closed segment in a file on a memory file system (tmpfs), written once when
 * the segment is cut. The name is removed right after writing: the open channel keeps the data,
 * nothing is left behind if the server dies, and the memory returns when the last hold goes.
 */
final class SegmentFile implements HeldFile {

    private final FileChannel channel;
    private final long size;
    /** The owner's hold plus one per reader; 0 means closed for good. */
    private final AtomicInteger holds = new AtomicInteger(1);

    private SegmentFile(FileChannel channel, long size) {
        this.channel = channel;
        this.size = size;
    }

    /** Writes {@code parts} into a new unnamed file in {@code dir}; the caller holds it once. */
    static SegmentFile write(Path dir, ByteBuffer[] parts) throws IOException {
        Path path = Files.createTempFile(dir, "openstreamer-", ".ts");
        FileChannel ch = null;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            long size = 0;
            for (ByteBuffer b : parts) {
                size += b.remaining();
            }
            long written = 0;
            while (written < size) {
                written += ch.write(parts);
            }
            return new SegmentFile(ch, size);
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            throw e;
        } finally {
            Files.deleteIfExists(path);
        }
    }

    @Override
    public FileChannel channel() {
        return channel;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean hold() {
        for (int n = holds.get(); n > 0; n = holds.get()) {
            if (holds.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void release() {
        if (holds.decrementAndGet() == 0) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // a read-only tmpfs file: closing cannot lose data
            }
        }
    }

    /** Reads {@code length} bytes from {@code position} into a new heap buffer (the caller holds the file). */
    ByteBuffer read(long position, int length) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(length);
        while (out.hasRemaining()) {
            if (channel.read(out, position + out.position()) < 0) {
                throw new IOException("segment file shorter than " + (position + length) + " bytes");
            }
        }
        return out.flip();
    }
}
