package org.openstreamer.ejb.drm;

import org.junit.jupiter.api.Test;

import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KeySealTest {

    private final KeySeal seal = new KeySeal(new SecretKeySpec(new byte[32], "AES"), new SecureRandom());
    private final byte[] key = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

    @Test
    void aSealedKeyOpensOnlyForItsStreamAndStart() {
        byte[] sealed = seal.seal("cam", 1000, key);
        assertEquals(KeySeal.SEALED_LENGTH, sealed.length);
        assertFalse(contains(sealed, key), "the clear bytes are nowhere in the sealed form");
        assertArrayEquals(key, seal.open("cam", 1000, sealed));
        assertThrows(IllegalStateException.class, () -> seal.open("cam2", 1000, sealed));
        assertThrows(IllegalStateException.class, () -> seal.open("cam", 1001, sealed));
        sealed[20] ^= 1;
        assertThrows(IllegalStateException.class, () -> seal.open("cam", 1000, sealed), "altered");
    }

    @Test
    void anotherMasterKeyCannotOpenIt() {
        byte[] sealed = seal.seal("cam", 1000, key);
        byte[] other = new byte[32];
        other[0] = 1;
        KeySeal wrong = new KeySeal(new SecretKeySpec(other, "AES"), new SecureRandom());
        assertThrows(IllegalStateException.class, () -> wrong.open("cam", 1000, sealed));
    }

    @Test
    void theSameKeySealsDifferentlyEachTime() {
        assertFalse(Arrays.equals(seal.seal("cam", 1, key), seal.seal("cam", 1, key)), "a fresh nonce each time");
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
