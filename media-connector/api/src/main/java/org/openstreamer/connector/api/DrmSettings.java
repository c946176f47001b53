package org.openstreamer.connector.api;

import java.io.Serializable;

/**
 * How a stream's HLS output is protected (the reference's {@code drm aes128 [keyserver=URL]}):
 * segments encrypted with AES-128, a new key every {@code keyRotationSeconds}.
 *
 * @param keyServer          null: keys are made here and served at {@code /NAME/key/ID}; else the
 *                           external key server asked {@code URL?file=NAME} for each new key
 * @param keyRotationSeconds how long one key is used (the reference: 10 minutes)
 * @param allowClear         let outputs that cannot carry the encryption (MPEG-TS over HTTP, SRT and
 *                           RTMP play, pushes) send the stream in the clear anyway
 */
public record DrmSettings(String keyServer, int keyRotationSeconds, boolean allowClear) implements Serializable {

    public static final int DEFAULT_KEY_ROTATION = 600;
    public static final int MIN_KEY_ROTATION = 4;
    public static final int MAX_KEY_ROTATION = 86_400;

    /** The only method for now; SAMPLE-AES is not implemented. */
    public static final String AES128 = "aes128";

    public boolean external() {
        return keyServer != null;
    }
}
