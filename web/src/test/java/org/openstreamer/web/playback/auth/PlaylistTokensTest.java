package org.openstreamer.web.playback.auth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PlaylistTokensTest {

    @Test
    void everyUrlGetsTheTokenAndNothingElseChanges() {
        String in = "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-KEY:METHOD=AES-128,URI=\"key/1\",IV=0x1\n"
                + "#EXTINF:4.000,\n2026/12/06/03/00/00-04000.ts\n\n#EXTINF:4.000,\r\ntracks-1/x.ts?a=1\r\n";
        String out = PlaylistTokens.rewrite(in, "t 1&");
        assertEquals("#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-KEY:METHOD=AES-128,URI=\"key/1?token=t+1%26\",IV=0x1\n"
                + "#EXTINF:4.000,\n2026/12/06/03/00/00-04000.ts?token=t+1%26\n\n#EXTINF:4.000,\r\ntracks-1/x.ts?a=1&token=t+1%26\r\n", out);
    }

    @Test
    void masterPlaylistVariantsAndMediaTags() {
        String in = "#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",URI=\"tracks-2/index.m3u8\"\n"
                + "#EXT-X-STREAM-INF:BANDWIDTH=1\ntracks-1/index.m3u8";
        assertEquals("#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",URI=\"tracks-2/index.m3u8?token=abc\"\n"
                + "#EXT-X-STREAM-INF:BANDWIDTH=1\ntracks-1/index.m3u8?token=abc", PlaylistTokens.rewrite(in, "abc"));
    }
}
