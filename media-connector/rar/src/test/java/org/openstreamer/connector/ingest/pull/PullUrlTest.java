package org.openstreamer.connector.ingest.pull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PullUrlTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "udp://239.0.0.1:1234              | UDP    | 239.0.0.1   | 1234 | -",
            "udp://239.0.0.1:1234/10.100.200.3 | UDP    | 239.0.0.1   | 1234 | 10.100.200.3",
            "UDP://127.0.0.1:5000/             | UDP    | 127.0.0.1   | 5000 | -",
            "tshttp://192.168.100.1/world.ts   | TSHTTP | 192.168.100.1 | 80 | /world.ts",
            "tshttp://origin:8080              | TSHTTP | origin      | 8080 | /",
            "tshttp://origin:8080/ort/mpegts?a=1&b=x%20y | TSHTTP | origin | 8080 | /ort/mpegts?a=1&b=x%20y",
            "tstcp://192.168.0.1:54321         | TSTCP  | 192.168.0.1 | 54321 | -",
            "tstcp://[::1]:9000                | TSTCP  | ::1         | 9000 | -",
            "tshttps://origin/cam/mpegts       | TSHTTPS | origin     | 443  | /cam/mpegts",
            "srt://10.0.0.1:9000?streamid=a&latency=200 | SRT | 10.0.0.1 | 9000 | streamid=a&latency=200",
            "srt://10.0.0.1:9000               | SRT    | 10.0.0.1    | 9000 | -",
            "hls://origin/live/index.m3u8      | HLS    | origin      | 80   | /live/index.m3u8",
            "hlss://origin:8443/a.m3u8?t=1     | HLSS   | origin      | 8443 | /a.m3u8?t=1",
            "rtmp://origin/live/cam1           | RTMP   | origin      | 1935 | /live/cam1",
            "file://vod/backup.ts              | FILE   | vod         | 0    | vod/backup.ts"})
    void parses(String url, PullUrl.Scheme scheme, String host, int port, String path) {
        PullUrl u = PullUrl.parse(url);
        assertEquals(scheme, u.scheme());
        assertEquals(host, u.host());
        assertEquals(port, u.port());
        assertEquals(path, u.path());
        assertEquals(url, u.url());
        assertTrue(PullUrl.handles(url));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "udp://239.0.0.1           | needs a port",
            "tstcp://host              | needs a port",
            "tstcp://host:70000        | needs a port",
            "tstcp://host:9000/path    | has no path",
            "udp://:1234               | names no host",
            "tshttp://host:80/a b      | malformed URL",
            "srt://host                | needs a port",
            "srt://host:9000/x         | has no path",
            "hls://host                | names the playlist",
            "rtmp://host/live          | names the application and the stream",
            "file:///etc/passwd        | without a leading /",
            "file://vod/../../x.ts     | may not contain",
            "file://                   | without a leading /"})
    void refusesWithAReason(String url, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PullUrl.parse(url));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void optionsComeWithTheUrl() {
        PullUrl u = PullUrl.parse("hls://origin/a.m3u8", java.util.Map.of("user_agent", "VLC"));
        assertEquals("VLC", u.option("user_agent", "x"));
        assertEquals("x", u.option("header.Referer", "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"timeshift://cam/60", "http://a/b", "fake://fake", ""})
    void otherSchemesAreNotTheirs(String url) {
        assertFalse(PullUrl.handles(url));
        assertThrows(IllegalArgumentException.class, () -> PullUrl.parse(url));
    }
}
