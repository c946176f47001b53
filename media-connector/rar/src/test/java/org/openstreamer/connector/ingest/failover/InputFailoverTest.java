package org.openstreamer.connector.ingest.failover;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.InputConfig;
import org.openstreamer.connector.api.InputInfo;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.demux.ts.TsFixtures;
import org.openstreamer.connector.ingest.IngestSession;
import org.openstreamer.connector.ingest.IngestSessions;
import org.openstreamer.connector.ingest.Source;
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

            @Override
            public long publisherFrameAgeMillis() {
                return sessions.frameAgeMillis("cam");
            }

            @Override
            public String standByPublisher(IngestSession.Waker waker) {
                IngestSession s = sessions.standBy("cam", waker);
                return s == null ? null : s.source().peer();
            }

            @Override
            public boolean resumePublisher(IngestSession session) {
                return sessions.resume(session);
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

    /** A publisher as the engine lets one in: admitted by the failover, then a session of its own. */
    private static final class Publisher implements Source {
        volatile String disconnected;

        @Override
        public String protocol() {
            return "srt";
        }

        @Override
        public String peer() {
            return "127.0.0.1:5000";
        }

        @Override
        public int port() {
            return 0;
        }

        @Override
        public void disconnect(String reason) {
            disconnected = reason;
        }

        @Override
        public Map<String, ?> stopStats() {
            return Map.of();
        }
    }

    /** Feeds the fixture in real-time-ish chunks for {@code millis}. */
    private static void publish(IngestSession session, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        int at = 0;
        while (System.currentTimeMillis() < end) {
            int n = Math.min(188 * 40, TS.length - at);
            session.feed(TS, at, n);
            session.checkIfDue();
            at = (at + n) % TS.length;
            Thread.sleep(10);
        }
    }

    @Test
    void aConnectedPublisherWithoutFramesStandsByForTheBackupAndTakesTheStreamBackWithItsFrames() throws Exception {
        start(true, new InputConfig("publish://", 1, 1));
        await("the backup plays while no publisher is there", 5, () -> backup.playing() && failover.publisherMayTakeOver());
        assertTrue(failover.admitPublisher());
        Publisher source = new Publisher();
        IngestSession session = sessions.open("cam", source);
        assertTrue(session != null, "the publisher is let in over the backup");
        await("the backup gave way", 2, () -> !backup.playing());
        publish(session, 500);
        long backups = count("stream_backup");

        // the publisher stays connected and sends nothing: after publish://'s 1 s source_timeout the backup plays
        await("the backup plays for the silent publisher", 5, () -> backup.playing() && count("stream_backup") > backups);
        assertTrue(session.standingBy());
        assertTrue(sessions.hasStandingBy("cam"), "a second publisher is still refused");
        assertTrue(events.stream().anyMatch(e -> e.type().equals("source_lost") && "127.0.0.1:5000".equals(e.data().get("peer"))));
        assertTrue(source.disconnected == null, "the publisher's connection stays");
        long stopped = count("publish_stopped");
        LiveStream hub = hubs.get("cam");
        long backupFrame = hub.lastFrameMillis();
        await("backup frames reach the hub", 3, () -> hub.lastFrameMillis() > backupFrame);

        // tables and null packets without a frame do not take the stream back
        byte[] tables = new byte[188 * 2];
        java.util.Arrays.fill(tables, (byte) 0xff);
        byte[] pat = {0x47, 0x40, 0x00, 0x10, 0x00, 0x00, (byte) 0xb0, 0x0d}; // PAT: a section, not a PES
        System.arraycopy(pat, 0, tables, 0, pat.length);
        byte[] nul = {0x47, 0x1f, (byte) 0xff, 0x10};
        System.arraycopy(nul, 0, tables, 188, nul.length);
        session.feed(tables, 0, tables.length);
        assertTrue(session.standingBy());

        Thread feeder = new Thread(() -> {
            try {
                publish(session, 1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        feeder.start();
        await("the publisher takes the stream back with its first frame", 3, () -> !session.standingBy() && !backup.playing());
        assertTrue(sessions.hasPublisher("cam") && !sessions.hasStandingBy("cam"));
        assertTrue(hub.isPublishing());
        assertEquals(stopped + 1, count("publish_stopped"), "the backup's session ended, not the publisher's");
        feeder.join();
        assertTrue(source.disconnected == null);
        assertTrue(session.frameAgeMillis() < 1000, "its frames reach the hub again");
        session.close("bye");
    }

    @Test
    void backoffStartsUnderASecondAndStaysWithinFive() {
        assertEquals(500, InputFailover.backoffMillis(0));
        assertEquals(1000, InputFailover.backoffMillis(1));
        assertEquals(5000, InputFailover.backoffMillis(30));
    }
}
