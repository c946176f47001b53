package org.openstreamer.connector.push;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An open connection to a push destination. Every call is non-blocking, so one thread drives all
 * pushes: a destination that stalls only makes its own push fall behind, never others.
 */
interface PushConnection extends AutoCloseable {

    /** True once the connection can carry data; throws when connecting failed. */
    boolean finishConnect() throws IOException;

    /**
     * Takes what it can of {@code packets} (whole 188-byte TS packets). True when nothing is left
     * pending, in {@code packets} or inside the connection; false when the destination is not ready
     * for more (call again later with the same buffer).
     */
    boolean write(ByteBuffer packets) throws IOException;

    /** Throws if the destination ended the connection or answered with a refusal. */
    default void check() throws IOException {
    }

    @Override
    void close();
}
