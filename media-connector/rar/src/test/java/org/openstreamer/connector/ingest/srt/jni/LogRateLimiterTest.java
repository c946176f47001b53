package org.openstreamer.connector.ingest.srt.jni;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LogRateLimiterTest {

    private static final long MS = 1_000_000L;

    @Test
    void burstThenRateThenCountOfWhatWasRefused() {
        AtomicLong now = new AtomicLong(0);
        LogRateLimiter limiter = new LogRateLimiter(3, 10, now::get);   // one token per 100 ms
        assertEquals(0, limiter.tryAcquire());
        assertEquals(0, limiter.tryAcquire());
        assertEquals(0, limiter.tryAcquire());
        assertEquals(LogRateLimiter.REFUSED, limiter.tryAcquire());
        assertEquals(LogRateLimiter.REFUSED, limiter.tryAcquire());
        now.addAndGet(99 * MS);
        assertEquals(LogRateLimiter.REFUSED, limiter.tryAcquire());
        now.addAndGet(MS);
        assertEquals(3, limiter.tryAcquire(), "three refused before this one");
        assertEquals(LogRateLimiter.REFUSED, limiter.tryAcquire());
        now.addAndGet(10_000 * MS);   // a long pause refills only up to the burst
        assertEquals(1, limiter.tryAcquire());
        assertEquals(0, limiter.tryAcquire());
        assertEquals(0, limiter.tryAcquire());
        assertEquals(LogRateLimiter.REFUSED, limiter.tryAcquire());
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new LogRateLimiter(0, 1, System::nanoTime));
        assertThrows(IllegalArgumentException.class, () -> new LogRateLimiter(1, 0, System::nanoTime));
    }
}
