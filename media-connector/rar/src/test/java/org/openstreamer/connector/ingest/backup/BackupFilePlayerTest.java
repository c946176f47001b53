package org.openstreamer.connector.ingest.backup;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.demux.mp4.Mp4Fixtures;
import org.openstreamer.connector.demux.ts.TsFixtures;
import org.openstreamer.connector.ingest.IngestSessions;
import org.openstreamer.connector.ingest.failover.StreamFeed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backup file: paced by its PCR, in real time, and a file it cannot play said once. */
class BackupFilePlayerTest {

    private final List<MediaEvent> events = new CopyOnWriteArrayList<>();

    @Test
    void theRateIsTheFilesOwnFromItsPcr() {
        byte[] ts = TsFixtures.bytes("short"); // 3 s
        long rate = BackupFilePlayer.bytesPerSecond(ts);
        double seconds = (double) ts.length / rate;
        assertTrue(seconds > 2.5 && seconds < 3.5, "the file lasts about 3 s at its pace: " + seconds);
        assertThrows(IllegalArgumentException.class, () -> BackupFilePlayer.bytesPerSecond(new byte[188 * 10]));
    }

    @Test
    void itPlaysInRealTimeAndMarksTheFeedAsBackup() throws Exception {
        LiveStream hub = new LiveStream("cam");
        IngestSessions sessions = new IngestSessions(n -> hub, events::add);
        StreamFeed feed = new StreamFeed(s -> sessions.open("cam", s));
        BackupFilePlayer player = new BackupFilePlayer("cam", "vod/short.ts", TsFixtures.path("short"), feed, events::add);
        player.play("test");
        try {
            Thread.sleep(1000);
            assertTrue(feed.backupPlaying());
            long packets = hub.packetCount();
            long total = TsFixtures.bytes("short").length / 188;
            assertTrue(packets > total / 6 && packets < total * 2 / 3, "about a third of 3 s after 1 s: " + packets + " of " + total);
            assertEquals(1, events.stream().filter(e -> e.type().equals("stream_backup")).count());
        } finally {
            player.stop();
        }
        long deadline = System.currentTimeMillis() + 3000;
        while (player.playing() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(player.playing());
        assertFalse(feed.backupPlaying());
        assertFalse(sessions.hasPublisher("cam"));
    }

    @Test
    void aFileThatIsNotMpegTsIsReportedOnce() throws Exception {
        Path bad = Files.createTempFile("backup", ".mp4");
        Files.write(bad, new byte[4096]);
        StreamFeed feed = new StreamFeed(s -> null);
        BackupFilePlayer player = new BackupFilePlayer("cam", "vod/bad.mp4", bad, feed, events::add);
        for (int i = 0; i < 2; i++) {
            player.play("test");
            long deadline = System.currentTimeMillis() + 3000;
            while (player.playing() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
        }
        assertTrue(player.lastError().startsWith("not an MPEG-TS file"), player.lastError());
        List<MediaEvent> backup = events.stream().filter(e -> e.type().equals("stream_backup")).toList();
        assertEquals(1, backup.size());
        assertEquals(false, backup.get(0).data().get("playing"));
        Files.delete(bad);
    }

    @Test
    void anMp4FilePlaysLikeAnMpegTsOne() throws Exception {
        LiveStream hub = new LiveStream("cam");
        IngestSessions sessions = new IngestSessions(n -> hub, events::add);
        StreamFeed feed = new StreamFeed(s -> sessions.open("cam", s));
        BackupFilePlayer player = new BackupFilePlayer("cam", "vod/blank.mp4", Mp4Fixtures.path("h264_aac.mp4"), feed,
                events::add);
        player.play("test");
        try {
            long deadline = System.currentTimeMillis() + 3000;
            while (hub.packetCount() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(feed.backupPlaying(), "plays: " + player.lastError());
            assertTrue(hub.packetCount() > 0);
            MediaEvent started = events.stream().filter(e -> e.type().equals("stream_backup")).findFirst().orElseThrow();
            assertEquals(true, started.data().get("playing"));
        } finally {
            player.stop();
        }
    }

    @Test
    void anMp4FileItCannotPlayIsReportedWithTheReason() throws Exception {
        StreamFeed feed = new StreamFeed(s -> null);
        BackupFilePlayer player = new BackupFilePlayer("cam", "vod/mp3.mp4", Mp4Fixtures.path("h264_mp3.mp4"), feed,
                events::add);
        player.play("test");
        long deadline = System.currentTimeMillis() + 3000;
        while (player.playing() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(player.lastError().contains("audio codec MP3"), player.lastError());
        MediaEvent event = events.stream().filter(e -> e.type().equals("stream_backup")).findFirst().orElseThrow();
        assertEquals(false, event.data().get("playing"));
    }
}
