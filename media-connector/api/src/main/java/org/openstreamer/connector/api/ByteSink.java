package org.openstreamer.connector.api;

import java.io.IOException;

/**
 * Where the engine writes shared media bytes without copying them per viewer (e.g. a servlet
 * stream). The array is only lent for the call: a sink copies or sends the bytes before returning.
 */
@FunctionalInterface
public interface ByteSink {

    void write(byte[] bytes, int offset, int length) throws IOException;
}
