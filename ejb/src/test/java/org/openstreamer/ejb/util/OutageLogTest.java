package org.openstreamer.ejb.util;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An outage is two log lines: its start with the cause, its end with how long and how much. */
class OutageLogTest {

    private final Logger logger = Logger.getLogger("test.outage." + System.nanoTime());
    private final List<LogRecord> lines = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            lines.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        logger.setUseParentHandlers(false);
        logger.addHandler(capture);
    }

    @AfterEach
    void stop() {
        logger.removeHandler(capture);
    }

    @Test
    void manyFailuresAreOneWarningAndTheRecoveryOneInfo() {
        OutageLog outage = new OutageLog(logger, "Writing the index", "segments kept", now::get);
        outage.succeeded();
        assertEquals(0, lines.size(), "no outage, nothing to say");
        SQLException cause = new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
        for (int i = 0; i < 30; i++) {
            outage.failed(new IllegalStateException("wrapped", cause), 2);
            now.addAndGet(2000);
        }
        assertTrue(outage.down());
        assertEquals(1, lines.size());
        assertEquals(Level.WARNING, lines.get(0).getLevel());
        assertTrue(lines.get(0).getMessage().contains("Connection to 127.0.0.1:5432 refused"), lines.get(0).getMessage());
        outage.succeeded(", 60 indexed now");
        outage.succeeded();
        assertFalse(outage.down());
        assertEquals(2, lines.size());
        assertEquals(Level.INFO, lines.get(1).getLevel());
        assertEquals("Writing the index works again after 60 s: 30 failed attempts, 60 segments kept, 60 indexed now",
                lines.get(1).getMessage());
    }

    @Test
    void aSecondOutageIsCountedAfresh() {
        OutageLog outage = new OutageLog(logger, "Storing events", "events kept", now::get);
        outage.failed(new SQLException("down"), 1);
        now.addAndGet(5000);
        outage.succeeded();
        outage.failed(new SQLException("down again"), 3);
        now.addAndGet(1000);
        outage.succeeded();
        assertEquals(4, lines.size());
        assertTrue(lines.get(2).getMessage().contains("down again"));
        assertEquals("Storing events works again after 1 s: 1 failed attempts, 3 events kept", lines.get(3).getMessage());
    }
}
