package org.openstreamer.connector.api;

import java.io.Serializable;

/**
 * The latest thumbnail of a live stream (the {@code thumbnails} option).
 *
 * @param jpeg   the JPEG's bytes (shared: callers must not change them)
 * @param millis wall-clock time (Unix ms) of the picture: the start of the segment it opens
 */
public record Thumbnail(byte[] jpeg, long millis) implements Serializable {
}
