package org.openstreamer.ejb.util;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A database out of reach is told from a statement that fails. */
class DatabaseFailureTest {

    @Test
    void connectionFailuresAnywhereInTheChainAreAnOutage() {
        assertTrue(DatabaseFailure.unavailable(new SQLException("refused", "08001")));
        assertTrue(DatabaseFailure.unavailable(new IllegalStateException("x", new SQLException("terminating connection", "57P01"))));
        assertTrue(DatabaseFailure.unavailable(new SQLException("wrapped",
                new jakarta.resource.ResourceException("IJ000453: Unable to get managed connection for java:jboss/datasources/MediaDS"))));
        assertTrue(DatabaseFailure.unavailable(new RuntimeException(new java.net.ConnectException("Connection refused"))));
    }

    @Test
    void aFailingStatementIsNot() {
        assertFalse(DatabaseFailure.unavailable(new SQLException("value too long", "22001")));
        assertFalse(DatabaseFailure.unavailable(new SQLException("duplicate key", "23505")));
        assertFalse(DatabaseFailure.unavailable(new IllegalStateException("no cause")));
    }
}
