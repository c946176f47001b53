package org.openstreamer.ejb.service;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {

    @Test
    void hashIsSaltedBcryptInModularCryptForm() {
        String a = PasswordHasher.hash("correct horse".toCharArray());
        String b = PasswordHasher.hash("correct horse".toCharArray());
        assertTrue(a.startsWith("$2a$" + PasswordHasher.COST + "$"), a);
        assertEquals(60, a.length());
        assertNotEquals(a, b, "two hashes of one password must differ by their salt");
    }

    @Test
    void verifiesOnlyTheRightPassword() {
        String h = PasswordHasher.hash("s3cret-pass".toCharArray());
        assertTrue(PasswordHasher.verify(h, "s3cret-pass".toCharArray()));
        assertFalse(PasswordHasher.verify(h, "s3cret-pasS".toCharArray()));
        assertFalse(PasswordHasher.verify("not a hash", "s3cret-pass".toCharArray()));
    }

    @Test
    void generatedPasswordsHaveTheLengthAskedAndNoLookAlikes() {
        String p = PasswordHasher.generate(20);
        assertEquals(20, p.length());
        assertTrue(p.chars().noneMatch(c -> "0O1lI".indexOf(c) >= 0), p);
        assertNotEquals(p, PasswordHasher.generate(20));
    }
}
