package org.openstreamer.connector.buffer;

import org.openstreamer.connector.api.ByteSink;

import java.io.ByteArrayOutputStream;

/** Sinks for tests: one that collects what it is given, one that drops it. */
public final class TestSinks {

    public static final ByteSink DISCARD = b -> b.position(b.limit());

    private TestSinks() {
    }

    public static ByteSink into(ByteArrayOutputStream out) {
        return b -> {
            byte[] copy = new byte[b.remaining()];
            b.get(copy);
            out.write(copy, 0, copy.length);
        };
    }
}
