package org.openstreamer.connector.api;

import java.io.IOException;

/** Where the engine writes shared media bytes without copying them per viewer (e.g. a servlet stream). */
@FunctionalInterface
public interface ByteSink {

    void write(byte[] bytes, int offset, int length) throws IOException;
}
