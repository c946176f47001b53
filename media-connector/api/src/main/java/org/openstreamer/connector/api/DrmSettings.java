package org.openstreamer.connector.api;

import java.io.Serializable;

/**
 * How a stream's HLS output is protected (the reference's {@code drm aes128 [keyserver=URL]}):
 * segments encrypted with AES-128 (whole segments, or SAMPLE-AES: the H.264 slices and AAC frames
 * inside them), a new key every {@code keyRotationSeconds}.
 *
 * @param keyServer          null: keys are made here and served at {@code /NAME/key/ID}; else the
 *                           external key server asked {@code URL?file=NAME} for each new key
 * @param keyRotationSeconds how long one key is used (the reference: 10 minutes)
 * @param allowClear         let outputs that cannot carry the encryption (MPEG-TS over HTTP, SRT and
 *                           RTMP play, pushes) send the stream in the clear anyway
 * @param method             {@link #AES128} or {@link #SAMPLE_AES}
 */
public record DrmSettings(String keyServer, int keyRotationSeconds, boolean allowClear, String method)
        implements Serializable {

    public static final int DEFAULT_KEY_ROTATION = 600;
    public static final int MIN_KEY_ROTATION = 4;
    public static final int MAX_KEY_ROTATION = 86_400;

    /** Whole segments encrypted (RFC 8216 METHOD=AES-128). */
    public static final String AES128 = "aes128";
    /** Apple's sample encryption: H.264 slices and AAC frames encrypted inside clear MPEG-TS (METHOD=SAMPLE-AES). */
    public static final String SAMPLE_AES = "sample_aes";

    public DrmSettings {
        if (method == null) {
            method = AES128;
        } else if (!AES128.equals(method) && !SAMPLE_AES.equals(method)) {
            throw new IllegalArgumentException("unknown DRM method " + method);
        }
    }

    /** AES-128 settings (the default method). */
    public DrmSettings(String keyServer, int keyRotationSeconds, boolean allowClear) {
        this(keyServer, keyRotationSeconds, allowClear, AES128);
    }

    public boolean sampleAes() {
        return SAMPLE_AES.equals(method);
    }

    public boolean external() {
        return keyServer != null;
    }
}
