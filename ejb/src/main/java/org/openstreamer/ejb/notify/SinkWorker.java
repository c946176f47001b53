package org.openstreamer.ejb.notify;

import jakarta.json.JsonObject;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;

/**
 * One sink's queue and its delivery thread. {@link #offer} never blocks: a full queue drops its
 * oldest event and counts it. The thread sends what is queued, in order, in batches of at most
 * {@code maxBatch}; a batch that fails is sent again after a pause that doubles from
 * {@code firstRetryMillis} up to {@code maxRetryMillis}, and the next batch waits for it (the
 * receiver sees events in order, each batch once it answered the previous one).
 */
public final class SinkWorker {

    private static final Logger LOG = Logger.getLogger(SinkWorker.class.getName());

    private final String name;
    private final Delivery delivery;
    private final int capacity;
    private final int maxBatch;
    private final long firstRetryMillis;
    private final long maxRetryMillis;

    private final ArrayDeque<JsonObject> queue = new ArrayDeque<>();
    private boolean stopped;
    private long dropped;
    private long sent;
    private long failedAttempts;
    private String lastError;
    private boolean failing;
    private Thread thread;

    public SinkWorker(String name, Delivery delivery, int capacity, int maxBatch, long firstRetryMillis,
                      long maxRetryMillis) {
        if (capacity < 1 || maxBatch < 1 || firstRetryMillis < 1 || maxRetryMillis < firstRetryMillis) {
            throw new IllegalArgumentException("bad sink limits");
        }
        this.name = name;
        this.delivery = delivery;
        this.capacity = capacity;
        this.maxBatch = maxBatch;
        this.firstRetryMillis = firstRetryMillis;
        this.maxRetryMillis = maxRetryMillis;
    }

    public synchronized void start(ThreadFactory threads) {
        thread = threads.newThread(this::run);
        thread.start();
    }

    public synchronized void offer(JsonObject event) {
        if (stopped) {
            return;
        }
        if (queue.size() >= capacity) {
            queue.pollFirst();
            dropped++;
        }
        queue.addLast(event);
        notifyAll();
    }

    /** Ends the thread; what is still queued is lost. */
    public synchronized void stop() {
        stopped = true;
        queue.clear();
        notifyAll();
        if (thread != null) {
            thread.interrupt();
        }
    }

    public synchronized SinkStats stats() {
        return new SinkStats(queue.size(), dropped, sent, failedAttempts, lastError);
    }

    private void run() {
        try {
            List<JsonObject> batch;
            while ((batch = next()) != null) {
                deliver(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized List<JsonObject> next() throws InterruptedException {
        while (!stopped && queue.isEmpty()) {
            wait();
        }
        if (stopped) {
            return null;
        }
        List<JsonObject> batch = new ArrayList<>(Math.min(maxBatch, queue.size()));
        while (batch.size() < maxBatch && !queue.isEmpty()) {
            batch.add(queue.pollFirst());
        }
        return batch;
    }

    private void deliver(List<JsonObject> batch) throws InterruptedException {
        long pause = firstRetryMillis;
        while (true) {
            try {
                delivery.deliver(batch);
                synchronized (this) {
                    sent += batch.size();
                    if (failing) {
                        failing = false;
                        LOG.info("notify " + name + ": delivering again");
                    }
                }
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                synchronized (this) {
                    failedAttempts++;
                    if (!failing) {
                        failing = true; // one line per outage, not one per retry
                        LOG.warning("notify " + name + ": delivery failed, retrying with backoff: " + e);
                    }
                    lastError = e.getMessage() == null ? e.toString() : e.getMessage();
                    long until = System.currentTimeMillis() + pause;
                    for (long left = pause; !stopped && left > 0; left = until - System.currentTimeMillis()) {
                        wait(left);
                    }
                    if (stopped) {
                        return;
                    }
                }
                pause = Math.min(pause * 2, maxRetryMillis);
            }
        }
    }
}
