package org.openstreamer.connector.api;

import java.io.Serializable;

/**
 * One content key of a protected stream: used for the segments that start from
 * {@code startMillis} until the next key's start.
 *
 * @param id          the key's number, unique on the server ({@code /NAME/key/ID})
 * @param startMillis UTC, Unix ms
 * @param key         the 16 bytes of the AES-128 key (never logged, never in {@link #toString})
 * @param uri         the key URI players are given: null for the server's own key URL, else the
 *                    {@code X-Key-Url} the external key server answered with
 */
public record DrmKey(long id, long startMillis, byte[] key, String uri) implements Serializable {

    public DrmKey {
        if (key == null || key.length != 16) {
            throw new IllegalArgumentException("an AES-128 key has 16 bytes");
        }
        key = key.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public String toString() {
        return "DrmKey[id=" + id + ", startMillis=" + startMillis + (uri == null ? "" : ", uri=" + uri) + "]";
    }
}
