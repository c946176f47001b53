package org.openstreamer.connector.api;

import java.io.IOException;

/** An immutable media segment held in the engine's memory (e.g. an HLS MPEG-TS segment). */
public interface MediaSegment {

    long size();

    String contentType();

    /** Writes the whole segment; the bytes are shared by every viewer and never copied here. */
    void writeTo(ByteSink sink) throws IOException;
}
