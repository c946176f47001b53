package org.openstreamer.connector.ingest.rtsp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openstreamer.connector.ingest.pull.PullUrl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RtspUrlTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "rtsp://192.168.0.100/h264               | 192.168.0.100 | 554  | rtsp://192.168.0.100/h264 | - | -",
            "rtsp://cam1.local:8554/live/ch0?x=1     | cam1.local    | 8554 | rtsp://cam1.local:8554/live/ch0?x=1 | - | -",
            "rtsp://admin:s3cret@10.0.0.5/ch1        | 10.0.0.5      | 554  | rtsp://10.0.0.5/ch1 | admin | s3cret",
            "rtsp://admin:p%40ss:w@10.0.0.5:10554/a  | 10.0.0.5      | 10554 | rtsp://10.0.0.5:10554/a | admin | p@ss:w",
            "rtsp://admin:a@b@10.0.0.5/a             | 10.0.0.5      | 554  | rtsp://10.0.0.5/a | admin | a@b",
            "rtsp://admin@[::1]:554/a                | ::1           | 554  | rtsp://[::1]:554/a | admin | ''",
            "rtsp://192.168.1.21:554/user=admin&password=&channel=0&stream=0 | 192.168.1.21 | 554 | rtsp://192.168.1.21:554/user=admin&password=&channel=0&stream=0 | - | -"})
    void parses(String url, String host, int port, String request, String user, String password) {
        RtspUrl u = RtspUrl.parse(url);
        assertEquals(host, u.host());
        assertEquals(port, u.port());
        assertEquals(request, u.request());
        assertEquals(user, u.user());
        assertEquals(password, u.password());
    }

    @Test
    void theDisplayedUrlHidesThePassword() {
        RtspUrl u = RtspUrl.parse("rtsp://admin:s3cret@10.0.0.5/ch1");
        assertEquals("rtsp://admin:***@10.0.0.5/ch1", u.display());
        assertEquals("rtsp://admin:***@10.0.0.5/ch1", PullUrl.masked(PullUrl.parse("rtsp://admin:s3cret@10.0.0.5/ch1").url()),
                "the client needs the password; what is shown goes through masked");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RtspUrl.parse("rtsp://admin:s3cret@10.0.0.5"));
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void aPullUrlOfItsOwn() {
        assertTrue(PullUrl.handles("RTSP://cam/x"));
        PullUrl p = PullUrl.parse("rtsp://cam/x");
        assertEquals(PullUrl.Scheme.RTSP, p.scheme());
        assertEquals(554, p.port());
        assertNull(p.path());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "rtsp://cam                | needs a path",
            "rtsp://cam/               | needs a path",
            "rtsp://:554/a             | names no host",
            "rtsp://cam:0/a            | port out of range",
            "rtsp://ca m/a             | malformed URL",
            "http://cam/a              | not an rtsp:// URL"})
    void refusesWithAReason(String url, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RtspUrl.parse(url));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
