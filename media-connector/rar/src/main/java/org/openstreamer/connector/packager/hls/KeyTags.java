package org.openstreamer.connector.packager.hls;

/** The {@code EXT-X-KEY} lines of a protected stream's segments (drm/ provides them). */
@FunctionalInterface
public interface KeyTags {

    /**
     * The {@code EXT-X-KEY} line, newline included, of a segment starting at {@code startMillis},
     * for a playlist {@code depth} folders below the stream's own; null when there is no key.
     */
    String of(long startMillis, int depth);
}
