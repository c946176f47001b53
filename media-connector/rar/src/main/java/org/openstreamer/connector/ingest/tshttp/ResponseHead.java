package org.openstreamer.connector.ingest.tshttp;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** An HTTP/1.x response's status line and headers (names in lower case; a repeated header keeps its last value). */
record ResponseHead(String statusLine, int status, Map<String, String> headers) {

    String header(String name) {
        return headers.get(name);
    }

    /**
     * Reads up to the blank line that ends the head.
     *
     * @param polls   read timeouts tolerated before giving up (each one a poll interval)
     * @param maxHead most bytes the head may take
     */
    static ResponseHead read(InputStream in, int polls, int maxHead) throws IOException {
        StringBuilder line = new StringBuilder();
        String status = null;
        Map<String, String> headers = new HashMap<>();
        int total = 0;
        int idle = 0;
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                if (++idle >= polls) {
                    throw new IOException("no HTTP response within " + polls * 500L / 1000 + " s");
                }
                continue;
            }
            if (b < 0) {
                throw new IOException(status == null ? "connection closed before an HTTP response"
                        : "connection closed inside the HTTP response headers");
            }
            if (++total > maxHead) {
                throw new IOException("HTTP response headers longer than " + maxHead + " bytes");
            }
            if (b != '\n') {
                if (b != '\r') {
                    line.append((char) b);
                }
                continue;
            }
            String text = line.toString();
            line.setLength(0);
            if (status == null) {
                status = text;
            } else if (text.isEmpty()) {
                return new ResponseHead(status, statusCode(status), headers);
            } else {
                int colon = text.indexOf(':');
                if (colon > 0) {
                    headers.put(text.substring(0, colon).trim().toLowerCase(Locale.ROOT), text.substring(colon + 1).trim());
                }
            }
        }
    }

    private static int statusCode(String line) throws IOException {
        if (!line.startsWith("HTTP/1.") || line.length() < 12) {
            throw new IOException("not an HTTP response: " + (line.length() > 60 ? line.substring(0, 60) + "..." : line));
        }
        try {
            return Integer.parseInt(line.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("bad HTTP status line: " + line);
        }
    }
}
