package org.openstreamer.connector.drm;

import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleCipherTest {

    static final byte[] KEY = "0123456789abcdef".getBytes();
    static final byte[] IV = "fedcba9876543210".getBytes();

    /** AES-128-CBC decryption of {@code data[off, off+len)} from {@code iv}, by javax.crypto. */
    static byte[] cbcDecrypt(byte[] data, int off, int len) throws Exception {
        Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY, "AES"), new IvParameterSpec(IV));
        return c.doFinal(data, off, len);
    }

    /** {@code 00 00 03} taken out (the escape's inverse), as the decrypting players do. */
    static byte[] unescape(byte[] a) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int zeros = 0;
        for (int i = 0; i < a.length; i++) {
            if (zeros >= 2 && a[i] == 3 && i + 1 < a.length) {
                zeros = 0;
                continue;
            }
            out.write(a[i]);
            zeros = a[i] == 0 ? zeros + 1 : 0;
        }
        return out.toByteArray();
    }

    static byte[] escape(byte[] a) {
        ByteSink out = new ByteSink(16);
        SampleCipher.escape(a, a.length, out);
        return Arrays.copyOf(out.array(), out.size());
    }

    /** A slice NAL unit's RBSP with runs of zeros in it, so that escaping is needed before and after. */
    static byte[] sliceRbsp(int type, int length, long seed) {
        byte[] rbsp = new byte[length];
        new Random(seed).nextBytes(rbsp);
        rbsp[0] = (byte) (0x60 | type);
        for (int at = 40; at + 3 < length; at += 97) {
            rbsp[at] = 0;
            rbsp[at + 1] = 0;
            rbsp[at + 2] = (byte) (at % 4); // 00 00 00..03: each needs an emulation prevention byte
        }
        rbsp[length - 1] = (byte) 0x80; // rbsp_stop_one_bit
        return rbsp;
    }

    /** Decrypts an escaped SAMPLE-AES slice as a player does; the encrypted block offsets go to {@code blocks}. */
    static byte[] decryptNal(byte[] escaped, int[] blocks) throws Exception {
        byte[] u = unescape(escaped);
        int pos = 32;
        int remaining = u.length - 32;
        int n = 0;
        byte[] encrypted = new byte[u.length];
        int e = 0;
        while (remaining > 0) {
            if (remaining > 16) {
                System.arraycopy(u, pos, encrypted, e, 16);
                e += 16;
                blocks[n++] = pos;
                pos += 16;
                remaining -= 16;
            }
            int skip = Math.min(144, remaining);
            pos += skip;
            remaining -= skip;
        }
        // the blocks form one CBC chain from the IV: decrypt them together, then put them back
        byte[] plain = e == 0 ? new byte[0] : cbcDecrypt(encrypted, 0, e);
        for (int i = 0; i < n; i++) {
            System.arraycopy(plain, 16 * i, u, blocks[i], 16);
        }
        if (n < blocks.length) {
            blocks[n] = -1;
        }
        return u;
    }

    @Test
    void anIdrSliceKeepsItsLeaderAndOneBlockInTenIsEncryptedThenItIsEscapedAgain() throws Exception {
        byte[] rbsp = sliceRbsp(5, 1000, 1);
        byte[] clear = escape(rbsp);
        assertTrue(clear.length > rbsp.length, "the clear unit has emulation prevention bytes");

        ByteSink out = new ByteSink(16);
        new SampleCipher(KEY, IV).nal(clear, 0, clear.length, out);
        byte[] sealed = Arrays.copyOf(out.array(), out.size());

        // no start code inside the encrypted unit: every 00 00 is followed by 03 or a byte above 03
        for (int i = 0; i + 2 < sealed.length; i++) {
            if (sealed[i] == 0 && sealed[i + 1] == 0) {
                assertTrue((sealed[i + 2] & 0xFF) > 3 || sealed[i + 2] == 3, "a start code emulated at " + i);
            }
        }
        byte[] u = unescape(sealed);
        assertEquals(rbsp.length, u.length);
        assertArrayEquals(Arrays.copyOf(rbsp, 32), Arrays.copyOf(u, 32), "the 32-byte leader stays clear");

        int[] blocks = new int[64];
        byte[] decrypted = decryptNal(sealed, blocks);
        assertArrayEquals(rbsp, decrypted, "javax.crypto gives the clear unit back");

        // the pattern: blocks at 32, 192, 352, ... (16 encrypted, 144 clear), none within the last 16 bytes
        int count = 0;
        for (int i = 0; blocks[i] >= 0; i++, count++) {
            assertEquals(32 + 160 * i, blocks[i]);
            assertFalse(Arrays.equals(rbsp, blocks[i], blocks[i] + 16, u, blocks[i], blocks[i] + 16),
                    "block at " + blocks[i] + " is encrypted");
        }
        assertEquals(6, count, "1000 bytes: 32 clear, then 6 blocks of 16 in the 1-in-10 pattern, 8 bytes clear at the end");
        for (int at = 32; at < rbsp.length; at++) {
            boolean inBlock = (at - 32) % 160 < 16 && (at - 32) / 160 < count;
            if (!inBlock) {
                assertEquals(rbsp[at], u[at], "clear byte at " + at);
            }
        }
    }

    @Test
    void eachUnitRestartsTheChainFromTheIv() throws Exception {
        byte[] clear = escape(sliceRbsp(1, 400, 2));
        SampleCipher cipher = new SampleCipher(KEY, IV);
        ByteSink first = new ByteSink(16);
        ByteSink second = new ByteSink(16);
        cipher.nal(clear, 0, clear.length, first);
        cipher.nal(clear, 0, clear.length, second);
        assertArrayEquals(Arrays.copyOf(first.array(), first.size()), Arrays.copyOf(second.array(), second.size()));
    }

    @Test
    void otherUnitsAndShortSlicesStayClear() {
        SampleCipher cipher = new SampleCipher(KEY, IV);
        for (byte[] unit : new byte[][] {escape(sliceRbsp(7, 500, 3)), escape(sliceRbsp(6, 500, 4)),
            escape(sliceRbsp(1, 48, 5)), escape(sliceRbsp(5, 40, 6))}) {
            ByteSink out = new ByteSink(16);
            cipher.nal(unit, 0, unit.length, out);
            assertArrayEquals(unit, Arrays.copyOf(out.array(), out.size()));
        }
        // 49 bytes: one block at 32, the last byte clear
        byte[] rbsp = sliceRbsp(1, 49, 7);
        ByteSink out = new ByteSink(16);
        cipher.nal(rbsp, 0, rbsp.length, out);
        byte[] u = unescape(Arrays.copyOf(out.array(), out.size()));
        assertFalse(Arrays.equals(rbsp, 32, 48, u, 32, 48));
        assertEquals(rbsp[48], u[48]);
    }

    /** An ADTS frame (7-byte header, no CRC) of {@code length} bytes. */
    static byte[] adts(int length, long seed) {
        byte[] f = new byte[length];
        new Random(seed).nextBytes(f);
        f[0] = (byte) 0xFF;
        f[1] = (byte) 0xF1;
        f[2] = (byte) 0x4C; // AAC LC, 48 kHz
        f[3] = (byte) (0x80 | (length >> 11));
        f[4] = (byte) (length >> 3);
        f[5] = (byte) (((length & 7) << 5) | 0x1F);
        f[6] = (byte) 0xFC;
        return f;
    }

    @Test
    void anAdtsFrameKeepsHeaderAndLeaderAndEncryptsItsWholeBlocks() throws Exception {
        byte[] clear = adts(7 + 200, 8);
        byte[] frame = clear.clone();
        new SampleCipher(KEY, IV).adts(frame, 0, frame.length, 7);
        assertArrayEquals(Arrays.copyOf(clear, 7 + 16), Arrays.copyOf(frame, 7 + 16), "header and 16 bytes clear");
        int blocks = (200 - 16) / 16;
        int end = 7 + 16 + 16 * blocks;
        assertArrayEquals(Arrays.copyOfRange(clear, end, clear.length), Arrays.copyOfRange(frame, end, frame.length),
                "the last 0-15 bytes clear");
        assertFalse(Arrays.equals(clear, 23, end, frame, 23, end));
        assertArrayEquals(Arrays.copyOfRange(clear, 23, end), cbcDecrypt(frame, 23, end - 23),
                "one CBC chain from the IV: javax.crypto gives the frame back");

        byte[] small = adts(7 + 31, 9);
        byte[] kept = small.clone();
        new SampleCipher(KEY, IV).adts(kept, 0, kept.length, 7);
        assertArrayEquals(small, kept, "under 32 bytes of payload: clear");
    }
}
