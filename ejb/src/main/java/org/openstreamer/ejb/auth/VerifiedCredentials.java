package org.openstreamer.ejb.auth;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Credentials that passed the bcrypt check recently, so the next request with them skips it.
 * Keyed by {@link CredentialDigest}; each entry remembers the password hash it was checked
 * against, so a changed password (another hash) or a deleted account makes it worthless at once.
 * Bounded: when full, expired entries go first, then the one closest to expiry.
 */
public final class VerifiedCredentials {

    private record Entry(String username, String passwordHash, Set<String> roles, long expiresAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long ttlMillis;
    private final LongSupplier clock;

    public VerifiedCredentials(int maxEntries, long ttlMillis, LongSupplier clock) {
        if (maxEntries < 1 || ttlMillis < 1) {
            throw new IllegalArgumentException("cache size and expiry must be positive");
        }
        this.maxEntries = maxEntries;
        this.ttlMillis = ttlMillis;
        this.clock = clock;
    }

    /** True if this digest was verified for this user against this very hash, and has not expired. */
    public boolean contains(String digest, String username, String currentHash) {
        Entry e = entries.get(digest);
        if (e == null) {
            return false;
        }
        if (e.expiresAt() <= clock.getAsLong() || !e.username().equals(username)
                || !e.passwordHash().equals(currentHash)) {
            entries.remove(digest, e);
            return false;
        }
        return true;
    }

    /**
     * The roles remembered with these credentials if they were verified and have not expired, without
     * comparing the hash: only for when the accounts cannot be read (database outage).
     */
    public Optional<Set<String>> lastKnownRoles(String digest, String username) {
        Entry e = entries.get(digest);
        return e != null && e.expiresAt() > clock.getAsLong() && e.username().equals(username)
                ? Optional.of(e.roles()) : Optional.empty();
    }

    public void remember(String digest, String username, String passwordHash, Set<String> roles) {
        long now = clock.getAsLong();
        if (entries.size() >= maxEntries && !entries.containsKey(digest)) {
            makeRoom(now);
        }
        entries.put(digest, new Entry(username, passwordHash, Set.copyOf(roles), now + ttlMillis));
    }

    /** Drops every entry of that account: its password changed or it was deleted. */
    public void forget(String username) {
        entries.values().removeIf(e -> e.username().equals(username));
    }

    public int size() {
        return entries.size();
    }

    private void makeRoom(long now) {
        entries.values().removeIf(e -> e.expiresAt() <= now);
        while (entries.size() >= maxEntries) {
            String oldest = null;
            long soonest = Long.MAX_VALUE;
            for (Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Entry> e = it.next();
                if (e.getValue().expiresAt() < soonest) {
                    soonest = e.getValue().expiresAt();
                    oldest = e.getKey();
                }
            }
            if (oldest == null) {
                return;
            }
            entries.remove(oldest);
        }
    }
}
