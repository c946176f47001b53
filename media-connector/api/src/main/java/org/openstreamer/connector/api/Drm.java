package org.openstreamer.connector.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

/**
 * The engine's side of DRM: which streams are protected and with which keys (the EJB layer keeps
 * the keys in PostgreSQL and hands them over here), encryption of archive segments, and the key
 * lookups of the key server. Take it once from {@link MediaEngine#drm()}: it outlives the handle.
 */
public interface Drm {

    /**
     * Protects {@code stream} with {@code settings} and {@code keys} (any order), replacing what the
     * engine had for it; {@code settings} null makes it unprotected again. A protected stream has
     * no live HLS output until its first key is here.
     */
    void protect(String stream, DrmSettings settings, List<DrmKey> keys);

    /**
     * Marks that every protected stream has been handed over once since the engine started (the
     * EJB layer calls it after its first complete {@link #protect} round).
     */
    void loaded();

    /**
     * False from the engine's start until {@link #loaded()}: no stream's protection is known yet,
     * so every output treats every stream as protected without a key (nothing in the clear), and
     * playback answers "try again" rather than serve a stream that may be protected.
     */
    boolean isLoaded();

    /** The streams protected now. */
    Set<String> protectedStreams();

    /** The stream's protection, or null when it has none. */
    DrmSettings settings(String stream);

    /** A key of the stream by its id, or null. */
    DrmKey key(String stream, long id);

    /** The key of a segment starting at {@code startMillis}, or null when the stream has none. */
    DrmKey keyAt(String stream, long startMillis);

    /**
     * An archive media playlist as {@link MediaEngine#hlsPlaylist} writes it, with the
     * {@code EXT-X-KEY} of each segment when the stream is protected.
     */
    String hlsPlaylist(String stream, PlaylistType type, List<PlaylistSegment> segments, int targetSeconds);

    /**
     * A whole segment starting at {@code startMillis} encrypted with its key (AES-128-CBC, PKCS#7,
     * the IV of that start), or null when the stream has no key. The caller holds {@code clear}.
     */
    ByteBuffer encrypt(String stream, long startMillis, HeldFile clear) throws IOException;
}
