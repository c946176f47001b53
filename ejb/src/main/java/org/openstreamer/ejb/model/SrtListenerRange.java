package org.openstreamer.ejb.model;

/**
 * A range of SRT listener ports of the server ({@code "listeners":{"srt":[...]}}): the stream of
 * each connection is resolved through {@code config_external}.
 *
 * @param mode  {@code publish} or {@code play}
 * @param first first port of the range
 * @param last  last port of the range (inclusive)
 * @param address IPv4 address its ports listen on, or null for the server's SRT bind address
 */
public record SrtListenerRange(String mode, int first, int last, String address) {

    public static final String PUBLISH = "publish";
    public static final String PLAY = "play";

    public SrtListenerRange(String mode, int first, int last) {
        this(mode, first, last, null);
    }

    public boolean overlaps(SrtListenerRange other) {
        return first <= other.last && other.first <= last;
    }
}
