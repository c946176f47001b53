package org.openstreamer.connector.ingest.srt.jni;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket for log lines: {@code burst} at once, then {@code perSecond}. It counts what it
 * refuses so the next line let through can say how many were skipped.
 */
public final class LogRateLimiter {

    /** {@link #tryAcquire()}'s answer when the line must be dropped. */
    public static final int REFUSED = -1;

    private final long nanosPerToken;
    private final long capacity;
    private final LongSupplier clock;
    private long budget;
    private long last;
    private int refused;

    public LogRateLimiter(int burst, int perSecond, LongSupplier nanoClock) {
        if (burst < 1 || perSecond < 1) {
            throw new IllegalArgumentException("burst and rate must be positive");
        }
        this.nanosPerToken = TimeUnit.SECONDS.toNanos(1) / perSecond;
        this.capacity = nanosPerToken * burst;
        this.clock = nanoClock;
        this.budget = capacity;
        this.last = nanoClock.getAsLong();
    }

    /** {@link #REFUSED}, or the number of lines refused since the previous one let through. */
    public synchronized int tryAcquire() {
        long now = clock.getAsLong();
        budget = Math.min(capacity, budget + Math.max(0, now - last));
        last = now;
        if (budget < nanosPerToken) {
            refused++;
            return REFUSED;
        }
        budget -= nanosPerToken;
        int skipped = refused;
        refused = 0;
        return skipped;
    }
}
