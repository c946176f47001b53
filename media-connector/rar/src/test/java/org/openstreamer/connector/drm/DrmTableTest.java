package org.openstreamer.connector.drm;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.DrmKey;
import org.openstreamer.connector.api.DrmSettings;
import org.openstreamer.connector.api.PlaylistSegment;
import org.openstreamer.connector.api.PlaylistType;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DrmTableTest {

    private static final DrmSettings SETTINGS = new DrmSettings(null, 10, false);

    @Test
    void anArchivePlaylistGivesEachSegmentTheKeyOfItsPeriod() {
        DrmTable drm = new DrmTable();
        drm.protect("cam", SETTINGS, List.of(new DrmKey(7, 0, new byte[16], null), new DrmKey(8, 8_000, new byte[16], null)));
        List<PlaylistSegment> segments = List.of(new PlaylistSegment(1, "a.ts", 0, 4000, false),
                new PlaylistSegment(2, "b.ts", 4000, 4000, false), new PlaylistSegment(3, "c.ts", 8000, 4000, false));
        String text = drm.hlsPlaylist("cam", PlaylistType.VOD, segments, 4);
        assertEquals(3, text.split("#EXT-X-KEY:", -1).length - 1, text);
        assertTrue(text.contains("#EXT-X-KEY:METHOD=AES-128,URI=\"key/7\",IV=0x00000000000000000000000000000fa0\n"), text);
        assertTrue(text.indexOf("URI=\"key/8\"") < text.indexOf("c.ts") && text.indexOf("URI=\"key/8\"") > text.indexOf("b.ts"), text);
        assertFalse(drm.hlsPlaylist("other", PlaylistType.VOD, segments, 4).contains("EXT-X-KEY"));
    }

    @Test
    void anExternalKeyUrlGoesIntoThePlaylistAsItIs() {
        DrmTable drm = new DrmTable();
        drm.protect("cam", new DrmSettings("http://127.0.0.1:1/k", 600, false),
                List.of(new DrmKey(3, 0, new byte[16], "https://keys.example/user-key?id=3")));
        assertTrue(DrmTable.tag(drm.keyAt("cam", 5), 5, 0, false).contains("URI=\"https://keys.example/user-key?id=3\""));
    }

    @Test
    void aTrackFolderPlaylistReachesTheKeyOneFolderUp() {
        assertTrue(DrmTable.tag(new DrmKey(3, 0, new byte[16], null), 0, 1, false).contains("URI=\"../key/3\""));
    }

    @Test
    void aSampleAesStreamListsTheSameKeyWithItsMethod() {
        DrmTable drm = new DrmTable();
        drm.protect("cam", new DrmSettings(null, 600, false, DrmSettings.SAMPLE_AES),
                List.of(new DrmKey(7, 0, new byte[16], null)));
        String text = drm.hlsPlaylist("cam", PlaylistType.VOD, List.of(new PlaylistSegment(1, "a.ts", 1000, 4000, false)), 4);
        // SAMPLE-AES: the IV of the key's start (0), not of the segment's
        assertTrue(text.contains("#EXT-X-KEY:METHOD=SAMPLE-AES,URI=\"key/7\",IV=" + SegmentIv.attribute(0)), text);
        assertEquals(DrmSettings.SAMPLE_AES, drm.method("cam"));
    }

    @Test
    void withoutKeysNothingIsListedOrEncrypted() throws Exception {
        DrmTable drm = new DrmTable();
        drm.protect("cam", SETTINGS, List.of());
        String text = drm.hlsPlaylist("cam", PlaylistType.VOD, List.of(new PlaylistSegment(1, "a.ts", 0, 4000, false)), 4);
        assertFalse(text.contains("a.ts"), "a protected segment is never listed in the clear");
        assertNull(drm.encrypt("cam", 0, new java.nio.ByteBuffer[0]));
        assertTrue(drm.refusesClear("cam"));
        drm.protect("cam", null, List.of());
        assertFalse(drm.refusesClear("cam"));
        assertTrue(drm.protectedStreams().isEmpty());
    }

    @Test
    void untilTheProtectionsAreHandedOverEveryStreamCountsAsProtectedWithoutKey() {
        DrmTable drm = new DrmTable();
        drm.awaitHandOver();
        int[] loaded = {0};
        drm.onLoaded(() -> loaded[0]++);
        List<PlaylistSegment> segments = List.of(new PlaylistSegment(1, "a.ts", 0, 4000, false));
        assertFalse(drm.isLoaded());
        assertTrue(drm.refusesClear("plain"), "an output in the clear waits until it is known");
        assertFalse(drm.hlsPlaylist("plain", PlaylistType.VOD, segments, 4).contains("a.ts"));
        assertNull(drm.tags("plain").of(0, 0), "live outputs have no key, so they serve nothing");

        drm.protect("cam", SETTINGS, List.of(new DrmKey(7, 0, new byte[16], null)));
        drm.loaded();
        drm.loaded();
        assertEquals(1, loaded[0], "the listener runs once, when the hand-over completes");
        assertTrue(drm.isLoaded());
        assertFalse(drm.refusesClear("plain"));
        assertNull(drm.tags("plain"));
        assertTrue(drm.hlsPlaylist("plain", PlaylistType.VOD, segments, 4).contains("a.ts"));
        assertTrue(drm.refusesClear("cam"));
        assertTrue(drm.hlsPlaylist("cam", PlaylistType.VOD, segments, 4).contains("URI=\"key/7\""));
    }
}
