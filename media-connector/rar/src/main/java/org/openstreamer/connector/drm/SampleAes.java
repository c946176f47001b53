package org.openstreamer.connector.drm;

import org.openstreamer.connector.api.HeldFile;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * HLS SAMPLE-AES (METHOD=SAMPLE-AES) of a whole MPEG-TS segment, done once per segment into one
 * new buffer: the samples inside are encrypted ({@link SampleCipher}), the transport stays clear
 * ({@link SampleAesSegment}).
 */
public final class SampleAes {

    private SampleAes() {
    }

    /** {@code parts} (left as they were) in SAMPLE-AES form, a new heap buffer ready to read. */
    public static ByteBuffer encrypt(byte[] key, byte[] iv, ByteBuffer[] parts) {
        long size = 0;
        for (ByteBuffer b : parts) {
            size += b.remaining();
        }
        byte[] ts = new byte[Math.toIntExact(size)];
        int at = 0;
        for (ByteBuffer b : parts) {
            int n = b.remaining();
            b.duplicate().get(ts, at, n);
            at += n;
        }
        return SampleAesSegment.encrypt(key, iv, ts, ts.length);
    }

    /** A whole file (the caller holds it) in SAMPLE-AES form. */
    public static ByteBuffer encrypt(byte[] key, byte[] iv, HeldFile file) throws IOException {
        byte[] ts = new byte[Math.toIntExact(file.size())];
        ByteBuffer into = ByteBuffer.wrap(ts);
        while (into.hasRemaining()) {
            if (file.channel().read(into, into.position()) < 0) {
                throw new IOException("file ended at " + into.position() + " of " + file.size() + " bytes");
            }
        }
        return SampleAesSegment.encrypt(key, iv, ts, ts.length);
    }
}
