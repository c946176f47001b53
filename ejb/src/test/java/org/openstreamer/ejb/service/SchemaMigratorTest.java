package org.openstreamer.ejb.service;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the migrator does with each outcome of a migration attempt: at deployment and on the retries. */
class SchemaMigratorTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final SchemaMigrator migrator = new SchemaMigrator(now::get);

    private static RuntimeException unreachable() {
        return new IllegalStateException("Unable to obtain connection from database",
                new SQLException("Connection to 127.0.0.1:5433 refused", "08001"));
    }

    /** Runs {@code body} and returns the records the migrator logged meanwhile. */
    private static List<LogRecord> logged(Runnable body) {
        Logger log = Logger.getLogger(SchemaMigrator.class.getName());
        List<LogRecord> records = new ArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(h);
        try {
            body.run();
        } finally {
            log.removeHandler(h);
        }
        return records;
    }

    @Test
    void aMigrationAtDeploymentMakesTheSchemaReady() {
        assertFalse(migrator.ready());
        assertTrue(migrator.attempt(() -> "20"));
        assertTrue(migrator.ready());
        assertNull(migrator.problem());
        assertEquals("20", migrator.schemaVersion());
    }

    @Test
    void anUnreachableDatabaseAtDeploymentIsOneWarningAndTheSchemaIsNotReadyUntilARetryWorks() {
        List<LogRecord> first = logged(() -> assertFalse(migrator.attempt(() -> {
            throw unreachable();
        })));
        assertEquals(1, first.size());
        assertEquals(Level.WARNING, first.get(0).getLevel());
        assertTrue(first.get(0).getMessage().contains("refused"), first.get(0).getMessage());
        assertFalse(migrator.ready());
        assertNull(migrator.schemaVersion());
        assertTrue(migrator.problem().startsWith("waiting for the database"), migrator.problem());

        List<LogRecord> retries = logged(() -> {
            for (int i = 0; i < 5; i++) {
                assertFalse(migrator.attempt(() -> {
                    throw unreachable();
                }));
            }
        });
        assertEquals(List.of(), retries, "the retries are not logged");

        now.addAndGet(30_000);
        List<LogRecord> back = logged(() -> assertTrue(migrator.attempt(() -> "20")));
        assertTrue(migrator.ready());
        assertEquals("20", migrator.schemaVersion());
        assertEquals(1, back.size());
        assertEquals(Level.INFO, back.get(0).getLevel());
        assertTrue(back.get(0).getMessage().contains("30 s after the deployment")
                && back.get(0).getMessage().contains("6 attempts failed"), back.get(0).getMessage());
    }

    @Test
    void anotherFailureAtDeploymentFailsTheDeploymentAsBefore() {
        RuntimeException checksum = new IllegalStateException("Validate failed: Migration checksum mismatch for migration version 20");
        assertSame(checksum, assertThrows(IllegalStateException.class, () -> migrator.attempt(() -> {
            throw checksum;
        })));
        RuntimeException badSql = new IllegalStateException("Migration V21 failed", new SQLException("syntax error", "42601"));
        assertSame(badSql, assertThrows(IllegalStateException.class, () -> migrator.attempt(() -> {
            throw badSql;
        })));
        assertFalse(migrator.ready());
    }

    @Test
    void anotherFailureOnceTheDatabaseIsBackIsSevereAndKeptAsTheProblem() {
        assertFalse(migrator.attempt(() -> {
            throw unreachable();
        }));
        List<LogRecord> records = logged(() -> assertFalse(migrator.attempt(() -> {
            throw new IllegalStateException("Validate failed: Migration checksum mismatch");
        })));
        assertEquals(1, records.size());
        assertEquals(Level.SEVERE, records.get(0).getLevel());
        assertFalse(migrator.ready());
        assertTrue(migrator.problem().contains("checksum mismatch"), migrator.problem());
    }
}
