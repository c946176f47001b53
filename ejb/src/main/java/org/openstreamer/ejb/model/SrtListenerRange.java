package org.openstreamer.ejb.model;

/**
 * A range of SRT listener ports of the server ({@code "listeners":{"srt":[...]}}): the stream of
 * each connection is resolved through {@code config_external}.
 *
 * @param mode  {@code publish} or {@code play}
 * @param first first port of the range
 * @param last  last port of the range (inclusive)
 */
public record SrtListenerRange(String mode, int first, int last) {

    public static final String PUBLISH = "publish";
    public static final String PLAY = "play";

    public boolean overlaps(SrtListenerRange other) {
        return first <= other.last && other.first <= last;
    }
}
