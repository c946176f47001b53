package org.openstreamer.ejb.auth;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifiedCredentialsTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final VerifiedCredentials cache = new VerifiedCredentials(3, 60_000, now::get);

    @Test
    void hitOnlyForTheSameUserAndTheHashItWasVerifiedAgainst() {
        cache.remember("d1", "ops", "hash-1", Set.of("viewer"));
        assertTrue(cache.contains("d1", "ops", "hash-1"));
        assertFalse(cache.contains("d2", "ops", "hash-1"), "another password");
        assertFalse(cache.contains("d1", "other", "hash-1"), "another user");
    }

    @Test
    void aChangedHashMakesTheEntryWorthlessAndRemovesIt() {
        cache.remember("d1", "ops", "hash-1", Set.of("viewer"));
        assertFalse(cache.contains("d1", "ops", "hash-2"));
        assertEquals(0, cache.size());
        assertFalse(cache.contains("d1", "ops", "hash-1"), "gone for good, even if the hash came back");
    }

    @Test
    void expires() {
        cache.remember("d1", "ops", "hash-1", Set.of("viewer"));
        now.addAndGet(59_999);
        assertTrue(cache.contains("d1", "ops", "hash-1"));
        now.addAndGet(1);
        assertFalse(cache.contains("d1", "ops", "hash-1"));
        assertTrue(cache.lastKnownRoles("d1", "ops").isEmpty());
    }

    @Test
    void forgetDropsEveryEntryOfThatAccountOnly() {
        cache.remember("d1", "ops", "hash-1", Set.of("viewer"));
        cache.remember("d2", "ops", "hash-1", Set.of("viewer"));
        cache.remember("d3", "admin", "hash-9", Set.of("admin"));
        cache.forget("ops");
        assertFalse(cache.contains("d1", "ops", "hash-1"));
        assertFalse(cache.contains("d2", "ops", "hash-1"));
        assertTrue(cache.contains("d3", "admin", "hash-9"));
    }

    @Test
    void boundedExpiredFirstThenTheOneClosestToExpiry() {
        cache.remember("d1", "a", "h", Set.of());
        now.addAndGet(10);
        cache.remember("d2", "b", "h", Set.of());
        now.addAndGet(10);
        cache.remember("d3", "c", "h", Set.of());
        cache.remember("d4", "d", "h", Set.of());
        assertEquals(3, cache.size());
        assertFalse(cache.contains("d1", "a", "h"), "the oldest went");
        assertTrue(cache.contains("d4", "d", "h"));
        now.addAndGet(60_000); // all expired
        cache.remember("d5", "e", "h", Set.of());
        assertEquals(1, cache.size());
    }

    @Test
    void lastKnownRolesServeADatabaseOutageUntilExpiry() {
        cache.remember("d1", "ops", "hash-1", Set.of("viewer"));
        assertEquals(Set.of("viewer"), cache.lastKnownRoles("d1", "ops").orElseThrow());
        assertTrue(cache.lastKnownRoles("d1", "admin").isEmpty());
    }

    @Test
    void digestsDependOnUserPasswordAndTheProcessKey() {
        CredentialDigest digest = new CredentialDigest();
        String a = digest.of("ops", "secret".toCharArray());
        assertEquals(a, digest.of("ops", "secret".toCharArray()));
        assertNotEquals(a, digest.of("ops", "secreT".toCharArray()));
        assertNotEquals(digest.of("ab", "c".toCharArray()), digest.of("a", "bc".toCharArray()));
        assertNotEquals(a, new CredentialDigest().of("ops", "secret".toCharArray()), "another key");
        assertFalse(a.contains("secret"));
    }
}
