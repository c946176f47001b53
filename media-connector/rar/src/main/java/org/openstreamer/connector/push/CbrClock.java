package org.openstreamer.connector.push;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that sends the datagrams of every constant-rate UDP push when they are due. The
 * pushes thread cannot: it sleeps until data comes, while a constant rate must go out (null
 * packets included) at fixed times. It runs only while some push needs it and wakes every half
 * millisecond, which keeps a datagram within about a millisecond of its time.
 */
final class CbrClock implements Runnable {

    /** Something that sends what is due by {@code now}. */
    interface Paced {
        void sendDue(long now);
    }

    private static final long TICK_NANOS = 500_000;
    private static final List<Paced> PACED = new CopyOnWriteArrayList<>();
    private static Thread thread;

    private CbrClock() {
    }

    static synchronized void add(Paced p) {
        PACED.add(p);
        if (thread == null) {
            thread = new Thread(new CbrClock(), "push-cbr-clock");
            thread.setDaemon(true);
            thread.setPriority(Thread.MAX_PRIORITY);
            thread.start();
        }
    }

    static synchronized void remove(Paced p) {
        PACED.remove(p);
    }

    /** Ends the thread when no push needs it, so that an undeployed engine leaves none behind. */
    private static synchronized boolean idle() {
        if (PACED.isEmpty()) {
            thread = null;
            return true;
        }
        return false;
    }

    @Override
    public void run() {
        while (!idle()) {
            long now = System.nanoTime();
            for (Paced p : PACED) {
                p.sendDue(now);
            }
            LockSupport.parkNanos(TICK_NANOS);
        }
    }
}
