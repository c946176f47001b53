package org.openstreamer.web.rest;

import jakarta.ejb.EJBTransactionRolledbackException;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;
import org.openstreamer.ejb.config.text.Problem;
import org.openstreamer.ejb.config.text.TextConfigException;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.web.util.ApiError;

import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiExceptionMapperTest {

    private static Exception wrapped(String sqlState) {
        return new EJBTransactionRolledbackException("rolled back",
                new PersistenceException("flush failed", new SQLException("boom", sqlState)));
    }

    @Test
    void aTextConfigErrorCarriesItsLineColumnAndEveryProblem() {
        Problem first = new Problem(ConfigException.Kind.INVALID, "unsupported_directive", "streams[a].thumbnails",
                "Unsupported directive 'thumbnails' at line 3, column 3.", 3, 3);
        Problem second = new Problem(ConfigException.Kind.INVALID, "syntax_error", null, "x", 9, 1);
        ApiError one = ApiExceptionMapper.textError(new TextConfigException(first));
        assertEquals(new ApiError("unsupported_directive", "streams[a].thumbnails", first.message(), 3, 3, null), one);
        ApiError two = ApiExceptionMapper.textError(new TextConfigException(List.of(first, second)));
        assertEquals(2, two.errors().size());
        assertEquals(9, two.errors().get(1).line());
        assertNull(two.errors().get(1).field());
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
