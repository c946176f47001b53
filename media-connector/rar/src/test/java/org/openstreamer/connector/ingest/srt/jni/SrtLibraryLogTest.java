package org.openstreamer.connector.ingest.srt.jni;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Turning libsrt's log lines (as libsrt 1.5.1 writes them) into rejection reports; no native code. */
class SrtLibraryLogTest {

    private static final String REJECTED_BADSECRET =
            ": @280075675:newConnection: connection rejected due to: INTERNAL REJECTION - ERROR:BADSECRET";

    private final AtomicLong clock = new AtomicLong();
    private final List<Runnable> tasks = new ArrayList<>();
    private final List<SrtHandshakeRejection> reports = new ArrayList<>();
    private SrtLibraryLog log;

    @BeforeEach
    void setUp() {
        log = new SrtLibraryLog(new LogRateLimiter(2, 1, clock::get), new LogRateLimiter(2, 1, clock::get));
        log.configure(reports::add, tasks::add);
    }

    private void runTasks() {
        tasks.forEach(Runnable::run);
        tasks.clear();
    }

    private void expect(int socket, int peerPort) {
        log.expect(socket, new SrtLibraryLog.Pending(7, 8890, "10.0.0.5", peerPort, "#!::r=cam1"));
    }

    @Test
    void rejectionOfATrackedSocketBecomesOneReport() {
        expect(280075675, 40001);
        log.onLine(4, "newConnection", REJECTED_BADSECRET);
        runTasks();
        assertEquals(1, reports.size());
        SrtHandshakeRejection r = reports.get(0);
        assertEquals(SrtRejectReason.BADSECRET, r.reason());
        assertEquals(280075675, r.socket());
        assertEquals(7, r.listenerSocket());
        assertEquals("peer 10.0.0.5:40001 on port 8890: wrong passphrase", r.describe());
        assertEquals(0, log.pendingCount());
    }

    @Test
    void reasonsAreReadFromTheirNames() {
        expect(11, 1);
        expect(12, 2);
        expect(13, 3);
        log.onLine(4, "newConnection", ": @11:newConnection: connection rejected due to: INTERNAL REJECTION - ERROR:UNSECURE");
        log.onLine(4, "newConnection", "@12:newConnection: connection rejected due to: X - ERROR:PREDEFINED:409");
        clock.addAndGet(5_000_000_000L);
        log.onLine(4, "newConnection", "@13:newConnection: connection rejected due to: X - ERROR:SOMETHINGNEW");
        runTasks();
        assertEquals(List.of(SrtRejectReason.UNSECURE, SrtRejectReason.CONFLICT, SrtRejectReason.UNKNOWN),
                reports.stream().map(SrtHandshakeRejection::reason).toList());
        assertTrue(reports.get(0).describe().endsWith("passphrase required or unexpected (encryption enforced)"));
    }

    @Test
    void untrackedSocketsAndOtherLinesAreNotReports() {
        log.onLine(4, "newConnection", REJECTED_BADSECRET);
        log.onLine(4, "processConnectRequest", ": processConnectRequest: rsp(REJECT): 1010 - Incorrect passphrase");
        runTasks();
        assertTrue(reports.isEmpty());
    }

    @Test
    void reportsAreRateLimitedAndCountWhatWasSkipped() {
        for (int s = 1; s <= 5; s++) {
            expect(s, s);
            log.onLine(4, "newConnection", "@" + s + ":newConnection: connection rejected due to: X - ERROR:BADSECRET");
        }
        clock.addAndGet(1_000_000_000L);
        expect(6, 6);
        log.onLine(4, "newConnection", "@6:newConnection: connection rejected due to: X - ERROR:BADSECRET");
        runTasks();
        assertEquals(List.of(1, 2, 6), reports.stream().map(SrtHandshakeRejection::socket).toList());
        assertEquals(3, reports.get(2).suppressedBefore());
        assertTrue(reports.get(2).describe().endsWith("(3 earlier rejections not reported)"), reports.get(2).describe());
        assertEquals(0, log.pendingCount(), "rate-limited rejections are forgotten too");
    }

    @Test
    void otherWarningsGoToTheLibsrtLogger() {
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
        SrtLibraryLog.LIBSRT.addHandler(h);
        SrtLibraryLog.LIBSRT.setUseParentHandlers(false);
        try {
            log.onLine(3, "epoll_wait", ": something broke");
            log.onLine(4, "interpretSrtHandshake", ": HS EXT: Agent declares encryption, but Peer does not");
            runTasks();
        } finally {
            SrtLibraryLog.LIBSRT.removeHandler(h);
            SrtLibraryLog.LIBSRT.setUseParentHandlers(true);
        }
        assertEquals(1, records.size(), "handshake details are FINE, below the default level");
        assertEquals(Level.SEVERE, records.get(0).getLevel());
        assertEquals("libsrt epoll_wait: something broke", records.get(0).getMessage());
    }

    @Test
    void pendingHandshakesAreBounded() {
        for (int s = 0; s < SrtLibraryLog.MAX_PENDING + 10; s++) {
            expect(s, 1);
        }
        assertEquals(SrtLibraryLog.MAX_PENDING, log.pendingCount());
        log.forget(SrtLibraryLog.MAX_PENDING + 9);
        assertEquals(SrtLibraryLog.MAX_PENDING - 1, log.pendingCount());
    }

    @Test
    void rejectReasonNamesRoundTrip() {
        for (int code : new int[] {0, 10, 11, 16, 1400, 1404, 2007}) {
            assertEquals(code, SrtRejectReason.parseName(SrtRejectReason.name(code)));
        }
        assertEquals(-1, SrtRejectReason.parseName("PREDEFINED:x"));
        assertEquals(-1, SrtRejectReason.parseName("NOPE"));
    }
}
