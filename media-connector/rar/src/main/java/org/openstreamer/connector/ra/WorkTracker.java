package org.openstreamer.connector.ra;

import jakarta.resource.spi.work.Work;

import java.util.ArrayList;
import java.util.List;

/**
 * The adapter's work on the container's WorkManager, counted from scheduling to the end of its
 * run, so that {@code stop()} can wait for it. WildFly stops the WorkManager's pool right after
 * the deployment; a task still running then fails when it ends ({@code Maximum permit count
 * exceeded} from the pool's gate), and libsrt must not be cleaned up under a thread still in it.
 */
final class WorkTracker {

    private final List<String> running = new ArrayList<>();

    /** {@code work}, counted as running from now until its {@code run} returns (or it is never run). */
    Work track(String name, Work work) {
        synchronized (running) {
            running.add(name);
        }
        return new Work() {
            @Override
            public void run() {
                try {
                    work.run();
                } finally {
                    done(name);
                }
            }

            @Override
            public void release() {
                work.release();
            }
        };
    }

    /** For work the WorkManager refused: it will never run. */
    void done(String name) {
        synchronized (running) {
            running.remove(name);
            running.notifyAll();
        }
    }

    /** Waits up to {@code millis} for all tracked work to end; the names of those still running. */
    List<String> awaitIdle(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        synchronized (running) {
            for (long left = millis; !running.isEmpty() && left > 0; left = deadline - System.currentTimeMillis()) {
                running.wait(left);
            }
            return List.copyOf(running);
        }
    }
}
