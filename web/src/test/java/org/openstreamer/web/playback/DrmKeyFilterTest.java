package org.openstreamer.web.playback;

import org.junit.jupiter.api.Test;
import org.openstreamer.web.playback.auth.PlaylistTokens;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DrmKeyFilterTest {

    @Test
    void keyUrls() {
        assertArrayEquals(new String[] {"cam", "42"}, DrmKeyFilter.parse("/cam/key/42"));
        assertArrayEquals(new String[] {"live/cam1", "7"}, DrmKeyFilter.parse("/live/cam1/key/7"));
        assertNull(DrmKeyFilter.parse("/cam/key/"));
        assertNull(DrmKeyFilter.parse("/cam/key/4x"));
        assertNull(DrmKeyFilter.parse("/key/4"));
        assertNull(DrmKeyFilter.parse("/cam/key/1234567890123456789"), "longer than a long");
        assertNull(DrmKeyFilter.parse("/c am/key/4"));
        assertNull(DrmKeyFilter.parse("/cam/index.m3u8"));
    }

    @Test
    void theSessionTokenGoesIntoTheKeyUri() {
        String rewritten = PlaylistTokens.rewrite("#EXT-X-KEY:METHOD=AES-128,URI=\"key/42\",IV=0x01\n#EXTINF:2.000,\na.ts\n", "T1");
        assertTrue(rewritten.contains("URI=\"key/42?token=T1\",IV=0x01"), rewritten);
    }
}
