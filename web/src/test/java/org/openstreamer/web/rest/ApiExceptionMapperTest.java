package org.openstreamer.web.rest;

import jakarta.ejb.EJBTransactionRolledbackException;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiExceptionMapperTest {

    private static Exception wrapped(String sqlState) {
        return new EJBTransactionRolledbackException("rolled back",
                new PersistenceException("flush failed", new SQLException("boom", sqlState)));
    }

    @Test
    void collisionsInPostgresAreConcurrentUpdatesOthersAreNot() {
        assertTrue(ApiExceptionMapper.concurrentUpdate(wrapped("40P01")), "deadlock");
        assertTrue(ApiExceptionMapper.concurrentUpdate(wrapped("40001")), "serialization failure");
        assertTrue(ApiExceptionMapper.concurrentUpdate(wrapped("23505")), "duplicate key");
        assertFalse(ApiExceptionMapper.concurrentUpdate(wrapped("23514")), "a check constraint is a bug, not a race");
        assertFalse(ApiExceptionMapper.concurrentUpdate(new IllegalStateException("x")));
        assertFalse(ApiExceptionMapper.concurrentUpdate(wrapped(null)), "a connection failure has no SQL state");
    }
}
