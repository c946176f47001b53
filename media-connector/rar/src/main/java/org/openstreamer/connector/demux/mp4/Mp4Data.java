package org.openstreamer.connector.demux.mp4;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Random access to the bytes of an MP4 file: a file on disk, or an array in tests. */
public interface Mp4Data {

    long size() throws IOException;

    /** Reads exactly {@code len} bytes at {@code pos}; fails at the end of the data. */
    void read(long pos, byte[] b, int off, int len) throws IOException;

    static Mp4Data of(FileChannel channel) {
        return new Mp4Data() {
            @Override
            public long size() throws IOException {
                return channel.size();
            }

            @Override
            public void read(long pos, byte[] b, int off, int len) throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                while (buf.hasRemaining()) {
                    if (channel.read(buf, pos + buf.position() - off) < 0) {
                        throw new EOFException("the file ends at byte " + channel.size());
                    }
                }
            }
        };
    }

    static Mp4Data of(byte[] bytes) {
        return new Mp4Data() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public void read(long pos, byte[] b, int off, int len) throws IOException {
                if (pos < 0 || pos + len > bytes.length) {
                    throw new EOFException("the data ends at byte " + bytes.length);
                }
                System.arraycopy(bytes, (int) pos, b, off, len);
            }
        };
    }
}
