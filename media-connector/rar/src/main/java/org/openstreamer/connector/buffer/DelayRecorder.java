package org.openstreamer.connector.buffer;

import org.openstreamer.connector.api.DelayStats;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The last few thousand samples of a delay (microseconds), shared by all streams, written
 * without locks from the ingest threads; percentiles are computed only when asked.
 */
public final class DelayRecorder {

    private static final int SIZE = 4096;

    private final AtomicLongArray samples = new AtomicLongArray(SIZE);
    private final AtomicLong count = new AtomicLong();

    public void record(long micros) {
        long n = count.getAndIncrement();
        samples.set((int) (n % SIZE), micros);
    }

    public DelayStats stats() {
        int n = (int) Math.min(count.get(), SIZE);
        if (n == 0) {
            return new DelayStats(0, 0, 0, 0);
        }
        long[] copy = new long[n];
        for (int i = 0; i < n; i++) {
            copy[i] = samples.get(i);
        }
        Arrays.sort(copy);
        return new DelayStats(count.get(), copy[(n - 1) / 2], copy[(int) Math.ceil(n * 0.99) - 1], copy[n - 1]);
    }
}
