package org.openstreamer.ejb.util;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a database that cannot be reached (stopped, restarting, network gone) from a failing
 * statement: the first is waited out and retried, the second is a bug or bad data and is not.
 */
public final class DatabaseFailure {

    private DatabaseFailure() {
    }

    /** Whether {@code e}'s causes say the database could not be reached or went away. */
    public static boolean unavailable(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 30; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true; // connection exception; admin shutdown, crash shutdown, cannot connect now
            }
            // The pool's "unable to get a managed connection" (IronJacamar IJ000453) and its peers.
            if (t.getClass().getName().endsWith("ResourceException") || String.valueOf(t.getMessage()).startsWith("IJ0004")) {
                return true;
            }
        }
        return false;
    }
}
