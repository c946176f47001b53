package org.openstreamer.web.playback;

import org.openstreamer.connector.api.ReadyBody;

/**
 * The one byte range of a {@code Range: bytes=...} header that a segment request may carry
 * (players and CDNs ask for parts of segments). Several ranges are answered with the whole body,
 * as RFC 9110 allows.
 *
 * @param first first byte, inclusive
 * @param last  last byte, inclusive
 */
record ByteRange(long first, long last) {

    /** A range that lies outside the body: 416. */
    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    /**
     * @param header  the {@code Range} header, or null
     * @param ifRange the {@code If-Range} header, or null: when it names other content, the whole body is sent
     * @return the range, null for the whole body, or {@link #UNSATISFIABLE}
     */
    static ByteRange parse(String header, String ifRange, ReadyBody body) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return null;
        }
        if (ifRange != null && !ifRange.equals(body.etag()) && !ifRange.equals(body.lastModified())) {
            return null;
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        long length = body.length();
        try {
            if (dash < 0) {
                return null;
            }
            if (dash == 0) { // the last N bytes
                long n = Long.parseLong(spec.substring(1));
                return n <= 0 ? UNSATISFIABLE : new ByteRange(Math.max(0, length - n), length - 1);
            }
            long first = Long.parseLong(spec.substring(0, dash));
            String tail = spec.substring(dash + 1);
            long last = tail.isEmpty() ? length - 1 : Math.min(Long.parseLong(tail), length - 1);
            if (first >= length) {
                return UNSATISFIABLE;
            }
            return last < first ? null : new ByteRange(first, last);
        } catch (NumberFormatException e) {
            return null; // malformed: ignore it, as RFC 9110 says
        }
    }
}
