package org.openstreamer.connector.drm;

import org.openstreamer.connector.api.HeldFile;

import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

/**
 * HLS full-segment encryption (RFC 8216 4.3.2.4, METHOD=AES-128): AES-128-CBC with PKCS#7
 * padding over the whole segment, done once per segment into one new buffer.
 */
public final class SegmentCipher {

    private static final int CHUNK = 64 * 1024;

    private SegmentCipher() {
    }

    /** The encrypted length of {@code clearLength} bytes: PKCS#7 always adds 1 to 16. */
    public static int encryptedLength(long clearLength) {
        return Math.toIntExact((clearLength / 16 + 1) * 16);
    }

    /** {@code parts} (left as they were) encrypted into a new heap buffer, ready to read. */
    public static ByteBuffer encrypt(byte[] key, byte[] iv, ByteBuffer[] parts) {
        long size = 0;
        for (ByteBuffer b : parts) {
            size += b.remaining();
        }
        Cipher cipher = cipher(key, iv);
        ByteBuffer out = ByteBuffer.allocate(encryptedLength(size));
        try {
            for (ByteBuffer b : parts) {
                cipher.update(b.duplicate(), out);
            }
            cipher.doFinal(ByteBuffer.allocate(0), out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-CBC failed", e);
        }
        return out.flip();
    }

    /** A whole file (the caller holds it) encrypted into a new heap buffer. */
    public static ByteBuffer encrypt(byte[] key, byte[] iv, HeldFile file) throws IOException {
        Cipher cipher = cipher(key, iv);
        ByteBuffer out = ByteBuffer.allocate(encryptedLength(file.size()));
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        try {
            for (long at = 0; at < file.size(); ) {
                chunk.clear();
                chunk.limit((int) Math.min(CHUNK, file.size() - at));
                int n = file.channel().read(chunk, at);
                if (n < 0) {
                    throw new IOException("file ended at " + at + " of " + file.size() + " bytes");
                }
                at += n;
                cipher.update(chunk.flip(), out);
            }
            cipher.doFinal(ByteBuffer.allocate(0), out);
        } catch (ShortBufferException e) {
            throw new IOException("the file grew while it was encrypted", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-CBC failed", e);
        }
        return out.flip();
    }

    private static Cipher cipher(byte[] key, byte[] iv) {
        try {
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding"); // PKCS5Padding is PKCS#7 for 16-byte blocks
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-CBC is not available", e);
        }
    }
}
