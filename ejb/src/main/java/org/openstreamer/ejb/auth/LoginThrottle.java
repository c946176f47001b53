package org.openstreamer.ejb.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Counts wrong passwords per client address so that guessing cannot keep the CPU busy with bcrypt:
 * after {@code maxFailures} within {@code windowMillis} of the first, that address is refused
 * without a check until the window ends. A success clears the address. Bounded: when full, windows
 * that ended go first, then those not (yet) blocking, then the oldest.
 */
public final class LoginThrottle {

    private record Window(long startedAt, int failures) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final int maxFailures;
    private final long windowMillis;
    private final int maxAddresses;
    private final LongSupplier clock;

    public LoginThrottle(int maxFailures, long windowMillis, int maxAddresses, LongSupplier clock) {
        if (maxFailures < 1 || windowMillis < 1 || maxAddresses < 1) {
            throw new IllegalArgumentException("failure limit, window and size must be positive");
        }
        this.maxFailures = maxFailures;
        this.windowMillis = windowMillis;
        this.maxAddresses = maxAddresses;
        this.clock = clock;
    }

    /** Seconds the address must wait before its next attempt is checked, 0 if it may try now. */
    public long retryAfterSeconds(String address) {
        Window w = windows.get(address);
        if (w == null || w.failures() < maxFailures) {
            return 0;
        }
        long left = w.startedAt() + windowMillis - clock.getAsLong();
        if (left <= 0) {
            windows.remove(address, w);
            return 0;
        }
        return (left + 999) / 1000;
    }

    public void failed(String address) {
        long now = clock.getAsLong();
        if (windows.size() >= maxAddresses && !windows.containsKey(address)) {
            makeRoom(now);
        }
        windows.compute(address, (a, w) -> w == null || w.startedAt() + windowMillis <= now
                ? new Window(now, 1) : new Window(w.startedAt(), w.failures() + 1));
    }

    public void succeeded(String address) {
        windows.remove(address);
    }

    private void makeRoom(long now) {
        windows.values().removeIf(w -> w.startedAt() + windowMillis <= now);
        if (windows.size() >= maxAddresses) {
            // Spraying from other addresses must not free a blocked one first.
            windows.values().removeIf(w -> w.failures() < maxFailures);
        }
        while (windows.size() >= maxAddresses) {
            windows.entrySet().stream().min(Map.Entry.comparingByValue(
                    (a, b) -> Long.compare(a.startedAt(), b.startedAt())))
                    .ifPresentOrElse(e -> windows.remove(e.getKey()), windows::clear);
        }
    }
}
