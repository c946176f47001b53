package org.openstreamer.connector.drm;

import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/**
 * The sample encryption of HLS SAMPLE-AES (Apple's "MPEG-2 Stream Encryption Format for HTTP Live
 * Streaming") for one key and IV: AES-128-CBC over parts of each H.264 slice NAL unit and each AAC
 * ADTS frame, the chain restarting from the IV at every NAL unit and every frame.
 *
 * <ul>
 * <li>H.264: NAL units of type 1 (non-IDR slice) and 5 (IDR slice) only. The emulation prevention
 * bytes are taken out first; of the unescaped unit the first 32 bytes stay clear, then one 16-byte
 * block in ten is encrypted (a block only while more than 16 bytes remain, so the unit always
 * ends clear); the result is escaped again so that no start code appears inside it. Units of 48
 * bytes or less have no encrypted block.</li>
 * <li>AAC: after the ADTS header (7 or 9 bytes) the first 16 bytes stay clear, then every whole
 * 16-byte block is encrypted, the last 0 to 15 bytes stay clear. The size does not change.</li>
 * </ul>
 *
 * CBC is done here block by block over AES-ECB, so that restarting the chain costs no allocation.
 * One instance per segment and thread.
 */
final class SampleCipher {

    static final int VIDEO_LEADER = 32;
    static final int AUDIO_LEADER = 16;
    static final int BLOCK = 16;
    /** Clear bytes after each encrypted video block: nine blocks. */
    static final int VIDEO_SKIP = 9 * BLOCK;

    private final Cipher ecb;
    private final byte[] iv;
    private final byte[] chain = new byte[BLOCK];
    private byte[] unescaped = new byte[64 * 1024];

    SampleCipher(byte[] key, byte[] iv) {
        try {
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available", e);
        }
        this.iv = iv.clone();
    }

    /** Whether a NAL unit of this header byte is encrypted (slices: types 1 and 5). */
    static boolean encryptsNal(int headerByte) {
        int type = headerByte & 0x1F;
        return type == 1 || type == 5;
    }

    /**
     * Writes the NAL unit {@code src[off, off+len)} (its header byte first, no start code) to
     * {@code out}: encrypted and escaped again when it is a slice, as it is otherwise.
     */
    void nal(byte[] src, int off, int len, ByteSink out) {
        if (len <= VIDEO_LEADER + BLOCK || !encryptsNal(src[off])) {
            out.write(src, off, len);
            return;
        }
        int n = unescape(src, off, len);
        restart();
        int pos = VIDEO_LEADER;
        int remaining = n - VIDEO_LEADER;
        while (remaining > 0) {
            if (remaining > BLOCK) {
                block(unescaped, pos);
                pos += BLOCK;
                remaining -= BLOCK;
            }
            int skip = Math.min(VIDEO_SKIP, remaining);
            pos += skip;
            remaining -= skip;
        }
        escape(unescaped, n, out);
    }

    /**
     * Encrypts in place the ADTS frame {@code buf[off, off+len)} whose header is {@code headerLength}
     * bytes; frames with less than 32 bytes after the header stay clear.
     */
    void adts(byte[] buf, int off, int len, int headerLength) {
        int body = len - headerLength;
        if (body < AUDIO_LEADER + BLOCK) {
            return;
        }
        restart();
        int blocks = (body - AUDIO_LEADER) / BLOCK;
        int at = off + headerLength + AUDIO_LEADER;
        for (int i = 0; i < blocks; i++, at += BLOCK) {
            block(buf, at);
        }
    }

    private void restart() {
        System.arraycopy(iv, 0, chain, 0, BLOCK);
    }

    /** One CBC step in place: the block XOR the chain, encrypted, becomes the chain. */
    private void block(byte[] buf, int at) {
        for (int i = 0; i < BLOCK; i++) {
            chain[i] ^= buf[at + i];
        }
        try {
            ecb.update(chain, 0, BLOCK, chain, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        System.arraycopy(chain, 0, buf, at, BLOCK);
    }

    /**
     * The unit without its emulation prevention bytes into {@link #unescaped}: each 0x03 that follows
     * two zero bytes and is not the unit's last byte (as the decrypting players read it).
     */
    private int unescape(byte[] src, int off, int len) {
        if (unescaped.length < len) {
            unescaped = new byte[Math.max(len, unescaped.length * 2)];
        }
        int n = 0;
        int zeros = 0;
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte b = src[i];
            if (zeros >= 2 && b == 3 && i + 1 < end) {
                zeros = 0;
                continue;
            }
            unescaped[n++] = b;
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return n;
    }

    /** {@code a[0, n)} with a 0x03 put before any byte 0x00 to 0x03 that follows two zero bytes. */
    static void escape(byte[] a, int n, ByteSink out) {
        int zeros = 0;
        int from = 0;
        for (int i = 0; i < n; i++) {
            int b = a[i] & 0xFF;
            if (zeros >= 2 && b <= 3) {
                out.write(a, from, i - from);
                out.write(3);
                from = i;
                zeros = 0;
            }
            zeros = b == 0 ? zeros + 1 : 0;
        }
        out.write(a, from, n - from);
    }
}
