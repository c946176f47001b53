package org.openstreamer.connector.ingest.failover;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.InputConfig;
import org.openstreamer.connector.api.InputInfo;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.demux.ts.TsFixtures;
import org.openstreamer.connector.ingest.IngestSessions;
import org.openstreamer.connector.ingest.backup.BackupFilePlayer;
import org.openstreamer.connector.ingest.pull.PullUrl;
import org.openstreamer.connector.ingest.pull.TsInput;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failover over fake inputs that go up and down at will: priority order, the next input on a loss,
 * take-back of a better one, switch_source, publishers and the backup file.
 */
class InputFailoverTest {

    private static final byte[] TS = TsFixtures.bytes("h264_aac");

    private final List<MediaEvent> events = new CopyOnWriteArrayList<>();
    private final Map<String, LiveStream> hubs = new ConcurrentHashMap<>();
    private final IngestSessions sessions = new IngestSessions(n -> hubs.computeIfAbsent(n, LiveStream::new), events::add);
    private final Map<String, Boolean> up = new ConcurrentHashMap<>();
    private InputFailover failover;
    private BackupFilePlayer backup;

    @AfterEach
    void stop() {
        if (failover != null) {
            failover.stop();
        }
    }

    /** An input that connects while it is up and sends the fixture over and over; once down, it ends. */
    private TsInput.Opener opener() {
        return url -> {
            if (!up.getOrDefault(url.url(), false)) {
                throw new IOException("connection refused");
            }
            return new TsInput() {
                private int at;

                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    if (!up.getOrDefault(url.url(), false)) {
                        return -1;
                    }
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted");
                    }
                    int n = Math.min(Math.min(len, 188 * 40), TS.length - at);
                    System.arraycopy(TS, at, buf, off, n);
                    at = (at + n) % TS.length;
                    return n;
                }

                @Override
                public void close() {
                }
            };
        };
    }

    private void start(boolean withBackup, InputConfig... inputs) {
        StreamFeed feed = new StreamFeed(s -> sessions.open("cam", s));
        backup = withBackup ? new BackupFilePlayer("cam", "vod/blank.ts", TsFixtures.path("short"), feed, events::add) : null;
        failover = new InputFailover("cam", List.of(inputs), s -> opener(), feed, backup, new InputFailover.Host() {
            @Override
            public boolean publisherFeeds() {
                return sessions.hasPublisher("cam") && !feed.held();
            }

            @Override
            public void disconnectPublisher(String reason) {
                sessions.disconnect("cam", reason);
            }
        }, 0, events::add, why -> { });
        Thread t = new Thread(failover, "test-failover");
        t.setDaemon(true);
        t.start();
    }

    private static InputConfig input(String url, int priority) {
        return new InputConfig(url, priority, 2);
    }

    private static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what);
            }
            Thread.sleep(20);
        }
    }

    private long count(String type) {
        return events.stream().filter(e -> e.type().equals(type)).count();
    }

    private String state(String url) {
        return failover.states().stream().filter(i -> i.url().equals(url)).map(InputInfo::state).findFirst().orElseThrow();
    }

    @Test
    void theBestInputThatWorksFeedsAndADownOneSaysWhy() throws Exception {
        up.put("tstcp://127.0.0.1:2", true);
        up.put("tstcp://127.0.0.1:3", true);
        start(false, input("tstcp://127.0.0.1:3", 3), input("tstcp://127.0.0.1:1", 1), input("tstcp://127.0.0.1:2", 2));
        await("the second best feeds", 5, () -> "tstcp://127.0.0.1:2".equals(failover.activeUrl()));
        assertEquals("failed", state("tstcp://127.0.0.1:1"));
        assertEquals("connection refused", failover.states().get(0).lastError());
        assertEquals("tstcp://127.0.0.1:1", failover.states().get(0).url(), "listed in priority order");
        assertTrue(events.stream().anyMatch(e -> e.type().equals("source_lost")
                && "tstcp://127.0.0.1:1".equals(e.data().get("peer"))));
    }

    @Test
    void theNextInputTakesOverAndTheBetterOneIsTakenBackOnTheSameHub() throws Exception {
        String a = "tstcp://127.0.0.1:1";
        String b = "tstcp://127.0.0.1:2";
        up.put(a, true);
        up.put(b, true);
        start(false, input(a, 1), input(b, 2));
        await("the primary feeds", 5, () -> a.equals(failover.activeUrl()));
        await("frames", 5, () -> hubs.get("cam").lastFrameMillis() > 0);
        LiveStream hub = hubs.get("cam");

        up.put(a, false);
        await("the secondary takes over", 5, () -> b.equals(failover.activeUrl()));
        assertTrue(events.stream().anyMatch(e -> e.type().equals("source_switch") && a.equals(e.data().get("from"))
                && b.equals(e.data().get("to"))));

        up.put(a, true);
        await("the primary is taken back", 3 + (int) (InputFailover.PROBE_EVERY_MILLIS / 1000) + 3,
                () -> a.equals(failover.activeUrl()));
        assertTrue(events.stream().anyMatch(e -> e.type().equals("source_switch") && b.equals(e.data().get("from"))
                && a.equals(e.data().get("to"))));
        assertSame(hub, hubs.get("cam"), "viewers keep the stream's hub through the switches");
        assertEquals("standby", state(b));
    }

    @Test
    void switchSourcePinsAnInputUntilItFails() throws Exception {
        String a = "tstcp://127.0.0.1:1";
        String b = "tstcp://127.0.0.1:2";
        up.put(a, true);
        up.put(b, true);
        start(false, input(a, 1), input(b, 2));
        await("the primary feeds", 5, () -> a.equals(failover.activeUrl()));
        assertFalse(failover.switchTo("tstcp://127.0.0.1:9"));
        assertTrue(failover.switchTo(b));
        await("switched by request", 5, () -> b.equals(failover.activeUrl()));
        Thread.sleep(InputFailover.PROBE_EVERY_MILLIS + InputFailover.PROBE_WAIT_MILLIS);
        assertEquals(b, failover.activeUrl(), "the probe leaves a chosen input alone");
        up.put(b, false);
        await("back to the primary once the chosen one fails", 5, () -> a.equals(failover.activeUrl()));
    }

    @Test
    void aPublisherRankedAboveTheActiveInputIsLetInAndOneBelowIsNot() throws Exception {
        String udp = "tstcp://127.0.0.1:2";
        up.put(udp, true);
        start(false, input("publish://", 1), input(udp, 2));
        await("the pulled input feeds", 5, () -> udp.equals(failover.activeUrl()));
        assertTrue(failover.publisherMayTakeOver());
        assertTrue(failover.admitPublisher());
        await("the feed is given up", 2, () -> !sessions.hasPublisher("cam") || failover.activeUrl() == null);

        failover.stop();
        up.clear();
        events.clear();
        up.put(udp, true);
        start(false, input(udp, 1), input("publish://", 2));
        await("the pulled input feeds", 5, () -> udp.equals(failover.activeUrl()));
        assertFalse(failover.publisherMayTakeOver());
        assertFalse(failover.admitPublisher());
    }

    @Test
    void theBackupPlaysWhileNoInputHasFramesAndStopsWhenOneComesBack() throws Exception {
        String a = "tstcp://127.0.0.1:1";
        start(true, input(a, 1));
        await("the backup plays", 5, () -> backup.playing() && count("stream_backup") > 0);
        await("backup frames reach the hub", 5, () -> hubs.containsKey("cam") && hubs.get("cam").lastFrameMillis() > 0);
        assertTrue(failover.publisherMayTakeOver(), "a publisher is let in over the backup");
        up.put(a, true);
        await("the input takes over from the backup", 8, () -> a.equals(failover.activeUrl()));
        await("the backup stopped", 2, () -> !backup.playing());
    }

    @Test
    void backoffStartsUnderASecondAndStaysWithinFive() {
        assertEquals(500, InputFailover.backoffMillis(0));
        assertEquals(1000, InputFailover.backoffMillis(1));
        assertEquals(5000, InputFailover.backoffMillis(30));
    }
}
