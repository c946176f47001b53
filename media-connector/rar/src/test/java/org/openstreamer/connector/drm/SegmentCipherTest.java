package org.openstreamer.connector.drm;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.HeldFile;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SegmentCipherTest {

    private static final HexFormat HEX = HexFormat.of();

    /** NIST SP 800-38A F.2.1 (CBC-AES128.Encrypt), block 1; PKCS#7 then adds one block of padding. */
    @Test
    void knownAnswerOfNist() {
        byte[] key = HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c");
        byte[] iv = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
        byte[] plain = HEX.parseHex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51");
        ByteBuffer out = SegmentCipher.encrypt(key, iv, new ByteBuffer[] {ByteBuffer.wrap(plain)});
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        assertEquals(48, bytes.length, "32 bytes and a whole block of padding");
        assertEquals("7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2",
                HEX.formatHex(bytes, 0, 32));
    }

    @Test
    void partsAndFileGiveWhatJavaxCryptoGives() throws Exception {
        Random r = new Random(7);
        byte[] key = new byte[16];
        r.nextBytes(key);
        byte[] iv = SegmentIv.of(1_765_000_000_123L);
        for (int size : new int[] {0, 1, 15, 16, 17, 188 * 7, 188 * 1000 + 5, 200_000}) {
            byte[] plain = new byte[size];
            r.nextBytes(plain);
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            byte[] expected = c.doFinal(plain);
            int cut = size / 3;
            ByteBuffer[] parts = {ByteBuffer.wrap(plain, 0, cut), ByteBuffer.wrap(plain, cut, size - cut)};
            assertArrayEquals(expected, bytes(SegmentCipher.encrypt(key, iv, parts)), "parts of " + size);
            assertEquals(cut, parts[0].remaining(), "the parts are left as they were");
            assertEquals(SegmentCipher.encryptedLength(size), expected.length);
            assertArrayEquals(expected, bytes(SegmentCipher.encrypt(key, iv, file(plain))), "file of " + size);
            Cipher d = Cipher.getInstance("AES/CBC/PKCS5Padding");
            d.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            assertArrayEquals(plain, d.doFinal(expected), "decrypts back");
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static HeldFile file(byte[] content) throws IOException {
        Path p = Files.createTempFile("cipher", ".ts");
        Files.write(p, content);
        FileChannel ch = FileChannel.open(p, StandardOpenOption.READ);
        Files.delete(p);
        return new HeldFile() {
            @Override
            public FileChannel channel() {
                return ch;
            }

            @Override
            public long size() {
                return content.length;
            }

            @Override
            public boolean hold() {
                return true;
            }

            @Override
            public void release() {
            }
        };
    }
}
