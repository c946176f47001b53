package org.openstreamer.connector.mux.ts;

/**
 * An access unit {@link TsMuxer} refused: unknown track, empty, or malformed. Nothing of it was
 * written, so the output stays valid and later access units are muxed as usual.
 */
public final class MuxInputException extends IllegalArgumentException {

    public MuxInputException(String message) {
        super(message);
    }
}
