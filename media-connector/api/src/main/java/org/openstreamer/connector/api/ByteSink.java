package org.openstreamer.connector.api;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where the engine writes shared media bytes without copying them per viewer (an SRT socket, a
 * file, a servlet stream). The buffer is only lent for the call: a sink sends or copies its
 * remaining bytes before returning and never keeps it. It may be a direct buffer; it is read-only.
 */
@FunctionalInterface
public interface ByteSink {

    void write(ByteBuffer bytes) throws IOException;
}
