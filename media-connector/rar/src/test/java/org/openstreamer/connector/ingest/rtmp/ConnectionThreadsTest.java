package org.openstreamer.connector.ingest.rtmp;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionThreadsTest {

    @Test
    void theTaskRunsOnANamedThreadOfTheKindTheJvmOffers() throws Exception {
        CompletableFuture<Thread> ran = new CompletableFuture<>();
        Thread t = ConnectionThreads.start("rtmp 192.0.2.1:5000", () -> ran.complete(Thread.currentThread()));
        Thread seen = ran.get(5, TimeUnit.SECONDS);
        assertEquals(t, seen);
        assertEquals("rtmp 192.0.2.1:5000", seen.getName());
        boolean virtualThreads = Runtime.version().feature() >= 21;
        assertEquals(virtualThreads, ConnectionThreads.virtual());
        assertTrue(virtualThreads || seen.isDaemon(), "a platform thread never holds the JVM up");
    }
}
