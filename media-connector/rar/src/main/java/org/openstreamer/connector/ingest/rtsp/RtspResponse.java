package org.openstreamer.connector.ingest.rtsp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One RTSP reply: status line, headers in their order (a name may repeat, as
 * {@code WWW-Authenticate} does), and the body.
 */
public record RtspResponse(int status, String reason, List<String[]> headers, byte[] body) {

    /** The first value of the header, matched without regard to case, or null. */
    public String header(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }

    /** Every value of the header, in order. */
    public List<String> headers(String name) {
        List<String> out = new ArrayList<>();
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                out.add(h[1]);
            }
        }
        return out;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** {@code 404 Not Found}, for error messages. */
    public String statusLine() {
        return status + (reason.isEmpty() ? "" : " " + reason);
    }
}
