package org.openstreamer.connector.buffer;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Bytes per second over the last few whole seconds, counted from any thread without locks (HTTP
 * requests and player threads add; the API reads). A second's slot is reused eight seconds later.
 */
final class RateMeter {

    private static final int SLOTS = 8;
    /** Whole seconds averaged; the current second is still filling, so it is left out. */
    private static final int AVERAGED = 4;

    private final AtomicLongArray bytes = new AtomicLongArray(SLOTS);
    private final AtomicLongArray seconds = new AtomicLongArray(SLOTS);

    void add(long n, long nowMillis) {
        long second = nowMillis / 1000;
        int slot = (int) (second % SLOTS);
        long owner = seconds.get(slot);
        if (owner != second && seconds.compareAndSet(slot, owner, second)) {
            bytes.set(slot, 0); // a racing add of this second may be lost: the figure is a rate, not an account
        }
        bytes.addAndGet(slot, n);
    }

    /** Bits per second over the {@value #AVERAGED} whole seconds before {@code nowMillis}. */
    long bitsPerSecond(long nowMillis) {
        long second = nowMillis / 1000;
        long sum = 0;
        for (long s = second - AVERAGED; s < second; s++) {
            int slot = (int) (s % SLOTS);
            if (seconds.get(slot) == s) {
                sum += bytes.get(slot);
            }
        }
        return sum * 8 / AVERAGED;
    }
}
