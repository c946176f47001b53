package org.openstreamer.web.view.stream;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.SrtEndpoint;

import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaybackUrlsTest {

    private static Map<String, String> byId(PlaybackUrls urls) {
        return urls.all().stream().collect(Collectors.toMap(PlaybackUrls.Url::id, PlaybackUrls.Url::value));
    }

    @Test
    void anOpenStreamWithoutSrtPortsHasHttpRtmpAndEmbed() {
        Map<String, String> u = byId(new PlaybackUrls("http://media.example:8080", "media.example", "cam1", null,
                null, null, null, null, 1935, true));
        assertEquals("http://media.example:8080/cam1/index.m3u8", u.get("hls"));
        assertEquals("http://media.example:8080/cam1/mpegts", u.get("mpegts"));
        assertEquals("rtmp://media.example/static/cam1", u.get("rtmp"), "the default port is left out");
        assertTrue(u.get("embed").contains("\"http://media.example:8080/cam1/index.m3u8\""), u.get("embed"));
        assertTrue(u.get("embed").contains("/jakarta.faces.resource/js/hls/dist/hls.light.min.js.xhtml"), "hls.js from this server");
        assertFalse(u.keySet().stream().anyMatch(k -> k.startsWith("srt")));
    }

    @Test
    void everySrtPortGetsTheStreamidItNeeds() {
        SrtEndpoint own = new SrtEndpoint(9002, "play-secret-123", 0, null);
        SrtEndpoint shared = new SrtEndpoint(9000, null, 0, null);
        SrtEndpoint serverPlay = new SrtEndpoint(9999, null, 0, null);
        SrtEndpoint server = new SrtEndpoint(9997, null, 0, null);
        Map<String, String> u = byId(new PlaybackUrls("http://h:8080", "h", "live/cam1", null, own, shared, serverPlay,
                server, 2035, true));
        assertEquals("srt://h:9002?passphrase=play-secret-123", u.get("srtPlay"));
        assertEquals("srt://h:9000?streamid=#!::m=request", u.get("srtStream"));
        assertEquals("srt://h:9999?streamid=#!::r=live/cam1", u.get("srtServerPlay"));
        assertEquals("srt://h:9997?streamid=#!::r=live/cam1,m=request", u.get("srtServer"));
        assertEquals("rtmp://h:2035/static/live/cam1", u.get("rtmp"));
    }

    @Test
    void viewersSeeNoPassphraseAndCheckedStreamsCarryTheToken() {
        SrtEndpoint own = new SrtEndpoint(9002, "play-secret-123", 0, null);
        Map<String, String> u = byId(new PlaybackUrls("https://h", "h", "cam1", "console0a", own, null, null, null, 0, false));
        assertEquals("srt://h:9002?passphrase=PASSPHRASE", u.get("srtPlay"));
        assertEquals("https://h/cam1/index.m3u8?token=console0a", u.get("hls"));
        assertEquals("https://h/cam1/mpegts?token=console0a", u.get("mpegts"));
        assertFalse(u.containsKey("rtmp"), "RTMP off");
    }

    @Test
    void anIpv6HostIsBracketed() {
        Map<String, String> u = byId(new PlaybackUrls("http://[::1]:8080", "::1", "cam1", null,
                new SrtEndpoint(9002, null, 0, null), null, null, null, 1935, true));
        assertEquals("srt://[::1]:9002", u.get("srtPlay"));
        assertEquals("rtmp://[::1]/static/cam1", u.get("rtmp"));
    }
}
