package org.openstreamer.ejb.util;

import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Logs one activity's failures to reach a dependency (PostgreSQL) as one outage: a WARNING with
 * the cause when the first attempt fails, and an INFO with how long it lasted and how many
 * operations were deferred or failed when the activity next succeeds. The attempts in between are
 * only counted, so an outage of an hour is two lines, not one stack trace per attempt.
 * Thread-safe; cheap when nothing fails (one volatile read).
 */
public final class OutageLog {

    private final Logger log;
    private final String activity;
    private final String deferredAs;
    private final LongSupplier clock;
    private volatile boolean down;
    private long since;
    private long failures;
    private long deferred;

    /**
     * @param activity   what failed, as the log line names it ("the DVR index")
     * @param deferredAs what the operations count as at the end ("segments kept to index later",
     *                   "API requests answered 503")
     */
    public OutageLog(Logger log, String activity, String deferredAs) {
        this(log, activity, deferredAs, System::currentTimeMillis);
    }

    OutageLog(Logger log, String activity, String deferredAs, LongSupplier clock) {
        this.log = log;
        this.activity = activity;
        this.deferredAs = deferredAs;
        this.clock = clock;
    }

    /** One attempt failed; {@code operations} were deferred or lost with it. Logs only at the start of an outage. */
    public void failed(Throwable cause, long operations) {
        String line = null;
        synchronized (this) {
            failures++;
            deferred += operations;
            if (!down) {
                down = true;
                since = clock.getAsLong();
                line = activity + " failed, the database is unavailable (" + rootMessage(cause)
                        + "); further failures are counted until it succeeds again";
            }
        }
        if (line != null) {
            log.warning(line);
        }
    }

    /** An attempt succeeded: ends the outage, if there was one, with its summary line. */
    public void succeeded() {
        succeeded("");
    }

    /** Like {@link #succeeded()}, the summary line ending with {@code detail} (", 30 written now"). */
    public void succeeded(String detail) {
        if (!down) {
            return;
        }
        String line;
        synchronized (this) {
            if (!down) {
                return;
            }
            long seconds = Math.max(0, clock.getAsLong() - since) / 1000;
            line = activity + " works again after " + seconds + " s: " + failures + " failed attempts, "
                    + deferred + " " + deferredAs + detail;
            down = false;
            failures = 0;
            deferred = 0;
        }
        log.info(line);
    }

    /** Whether the last attempt failed. */
    public boolean down() {
        return down;
    }

    /** The innermost message of a cause chain: what the driver said, not the wrappers. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = String.valueOf(e);
        for (int depth = 0; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t.getMessage() != null) {
                message = t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return message;
    }
}
