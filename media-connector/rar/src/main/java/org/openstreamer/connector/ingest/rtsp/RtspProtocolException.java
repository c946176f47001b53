package org.openstreamer.connector.ingest.rtsp;

import java.io.IOException;

/** The server broke the protocol or refused us; the message says how, for the {@code source_lost} reason. */
public final class RtspProtocolException extends IOException {

    public RtspProtocolException(String message) {
        super(message);
    }
}
