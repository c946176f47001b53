package org.openstreamer.connector.packager.hls;

import org.openstreamer.connector.api.HeldFile;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What {@link HlsOutput} needs of DRM (drm/ implements it): which streams are protected, their
 * key lines and the encryption of a segment under the key of its start.
 */
public interface SegmentEncryption {

    /** The key lines of a protected stream, or null when it is not protected. */
    KeyTags tags(String stream);

    /** How a protected stream's segments are encrypted (its segments are encrypted again when it changes), or null. */
    default String method(String stream) {
        return null;
    }

    /** The id of the key of a segment starting at {@code startMillis}, or -1 when the stream has none. */
    long keyId(String stream, long startMillis);

    /** {@code clear} encrypted with the key of its start into a new buffer, or null when the stream has no key. */
    ByteBuffer encrypt(String stream, long startMillis, ByteBuffer[] clear);

    /** A whole file (the caller holds it) encrypted likewise, or null when the stream has no key. */
    ByteBuffer encrypt(String stream, long startMillis, HeldFile clear) throws IOException;
}
