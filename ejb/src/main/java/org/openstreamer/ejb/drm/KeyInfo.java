package org.openstreamer.ejb.drm;

/**
 * A content key as the API lists it: never its bytes.
 *
 * @param untilMillis the next key's start, or -1 for the newest key
 * @param keyUrl      the external key server's X-Key-Url, or null
 */
public record KeyInfo(long id, long startMillis, long untilMillis, String keyUrl) {
}
