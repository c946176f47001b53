package org.openstreamer.connector.ingest.tshttp;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.ingest.pull.PullUrl;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpTsInputRequestTest {

    @Test
    void defaultRequest() {
        assertEquals("GET /cam1/mpegts HTTP/1.1\r\nHost: origin:8080\r\nUser-Agent: OpenStreamer\r\nAccept: */*\r\n"
                + "Connection: close\r\n\r\n", HttpTsInput.request(PullUrl.parse("tshttp://origin:8080/cam1/mpegts")));
        assertTrue(HttpTsInput.request(PullUrl.parse("tshttps://origin/a")).contains("Host: origin\r\n"),
                "443 is the default port of tshttps");
    }

    @Test
    void userAgentAndHeadersComeFromTheOptionsOnOneLineEach() {
        String r = HttpTsInput.request(PullUrl.parse("tshttp://origin/a", Map.of("user_agent", "VLC 3\r\nX-Evil: 1",
                "header.Referer", "https://a.example", "header.X-Token", "t\n1", "other", "ignored")));
        assertTrue(r.contains("\r\nUser-Agent: VLC 3X-Evil: 1\r\n"), r);
        assertTrue(r.contains("\r\nReferer: https://a.example\r\n"), r);
        assertTrue(r.contains("\r\nX-Token: t1\r\n"), r);
        assertTrue(!r.contains("ignored") && r.endsWith("\r\n\r\n"), r);
    }
}
