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
            "tstcp://[::1]:9000                | TSTCP  | ::1         | 9000 | -"})
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
            "tshttp://host:80/a b      | malformed URL"})
    void refusesWithAReason(String url, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PullUrl.parse(url));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"timeshift://cam/60", "rtsp://cam/h264", "http://a/b", "fake://fake", ""})
    void otherSchemesAreNotTheirs(String url) {
        assertFalse(PullUrl.handles(url));
        assertThrows(IllegalArgumentException.class, () -> PullUrl.parse(url));
    }
}
