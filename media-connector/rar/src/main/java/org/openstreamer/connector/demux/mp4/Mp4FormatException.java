package org.openstreamer.connector.demux.mp4;

import java.io.IOException;

/** An MP4 file that cannot be played; the message says why in words a user can act on. */
public final class Mp4FormatException extends IOException {

    public Mp4FormatException(String message) {
        super(message);
    }
}
