package org.openstreamer.web.dvr;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ArchivePathTest {

    private static void parses(String path, String stream, ArchivePath.Kind kind, long from, long seconds) {
        assertEquals(new ArchivePath(stream, kind, from, seconds), ArchivePath.parse(path), path);
    }

    @Test
    void theReferencesSpellings() {
        parses("/ort/index-1429829884-3600.m3u8", "ort", ArchivePath.Kind.RANGE_PLAYLIST, 1429829884, 3600);
        parses("/ort/archive-1350274200-4200.m3u8", "ort", ArchivePath.Kind.RANGE_PLAYLIST, 1350274200, 4200);
        parses("/live/cam1/mono-1362504585-3600.m3u8", "live/cam1", ArchivePath.Kind.RANGE_PLAYLIST, 1362504585, 3600);
        parses("/ort/video-1350274200-4200.m3u8", "ort", ArchivePath.Kind.RANGE_PLAYLIST, 1350274200, 4200);
        parses("/ort/index-1429829884-now.m3u8", "ort", ArchivePath.Kind.RANGE_PLAYLIST, 1429829884, -1);
        parses("/ort/timeshift_abs-1430227800.m3u8", "ort", ArchivePath.Kind.TIMESHIFT_ABS_PLAYLIST, 1430227800, 0);
        parses("/ort/timeshift_abs_video-1429829884.m3u8", "ort", ArchivePath.Kind.TIMESHIFT_ABS_PLAYLIST, 1429829884, 0);
        parses("/ort/video-timeshift_abs-1350274200.m3u8", "ort", ArchivePath.Kind.TIMESHIFT_ABS_PLAYLIST, 1350274200, 0);
        parses("/ort/timeshift_rel-3600.m3u8", "ort", ArchivePath.Kind.TIMESHIFT_REL_PLAYLIST, 0, 3600);
        parses("/ort/timeshift_rel_mono-3600.m3u8", "ort", ArchivePath.Kind.TIMESHIFT_REL_PLAYLIST, 0, 3600);
        parses("/ort/mono-timeshift_rel-3600.m3u8", "ort", ArchivePath.Kind.TIMESHIFT_REL_PLAYLIST, 0, 3600);
        parses("/ort/rewind-7200.m3u8", "ort", ArchivePath.Kind.REWIND_PLAYLIST, 0, 7200);
        parses("/channel/archive-1350274200-4200.ts", "channel", ArchivePath.Kind.RANGE_TS, 1350274200, 4200);
        parses("/channel/archive-1350274200-4200.mp4", "channel", ArchivePath.Kind.RANGE_MP4, 1350274200, 4200);
        parses("/channel/archive-1350274200-4200.mpd", "channel", ArchivePath.Kind.RANGE_DASH, 1350274200, 4200);
        parses("/channel/timeshift_abs-1350274200.ts", "channel", ArchivePath.Kind.TIMESHIFT_ABS_TS, 1350274200, 0);
        parses("/ort/timeshift_abs/1429829884", "ort", ArchivePath.Kind.TIMESHIFT_ABS_TS, 1429829884, 0);
        parses("/channel/timeshift_rel/3600", "channel", ArchivePath.Kind.TIMESHIFT_REL_TS, 0, 3600);
        parses("/ort/recording_status.json", "ort", ArchivePath.Kind.RECORDING_STATUS, 0, 0);
        parses("/ort/save-mp4-1350274200-4200", "ort", ArchivePath.Kind.SAVE_MP4, 1350274200, 4200);
    }

    @Test
    void otherPathsAreNotArchiveRequests() {
        for (String path : new String[] {"/ort/index.m3u8", "/ort/archive-1-now.mp4", "/ort/archive-x-10.ts", "/ort/mpegts",
                "/streamer/api/v3/streams", "/ort/timeshift_rel/abc", "/ort/index-1-2.m3u8x", "/x".repeat(600)}) {
            assertNull(ArchivePath.parse(path), path);
        }
    }

    @Test
    void theRangeEndsAtFromPlusDurationOrNow() {
        assertEquals(1_000_060_000L, ArchivePath.parse("/a/index-1000000-60.m3u8").toMillis(5));
        assertEquals(5L, ArchivePath.parse("/a/index-1000000-now.m3u8").toMillis(5));
    }
}
