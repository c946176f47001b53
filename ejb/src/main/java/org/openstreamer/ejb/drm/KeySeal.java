package org.openstreamer.ejb.drm;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Content keys at rest: AES-GCM under the master key, a fresh 12-byte nonce per key, the stream
 * and the key's start bound in as associated data (a sealed key copied to another row does not
 * open). Stored as nonce, ciphertext and tag: 12 + 16 + 16 = 44 bytes.
 */
public final class KeySeal {

    public static final int SEALED_LENGTH = 44;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey master;
    private final SecureRandom random;

    public KeySeal(SecretKey master, SecureRandom random) {
        this.master = master;
        this.random = random;
    }

    public byte[] seal(String stream, long startMillis, byte[] key) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, master, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad(stream, startMillis));
            byte[] sealed = c.doFinal(key);
            byte[] out = new byte[NONCE + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE);
            System.arraycopy(sealed, 0, out, NONCE, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    /** The 16 key bytes; throws when the row was altered or another master key sealed it. */
    public byte[] open(String stream, long startMillis, byte[] sealed) {
        if (sealed == null || sealed.length != SEALED_LENGTH) {
            throw new IllegalArgumentException("a sealed key has " + SEALED_LENGTH + " bytes");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, master, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
            c.updateAAD(aad(stream, startMillis));
            return c.doFinal(Arrays.copyOfRange(sealed, NONCE, sealed.length));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the key of " + stream + " at " + startMillis
                    + " does not open under the master key (altered, or sealed by another master key)");
        }
    }

    private static byte[] aad(String stream, long startMillis) {
        return (stream + '\n' + startMillis).getBytes(StandardCharsets.UTF_8);
    }
}
