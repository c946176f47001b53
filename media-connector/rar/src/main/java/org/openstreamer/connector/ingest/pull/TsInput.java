package org.openstreamer.connector.ingest.pull;

import java.io.Closeable;
import java.io.IOException;

/**
 * One connection of a pulled source, delivering MPEG-TS bytes. Reads wait at most
 * {@link PullClients#POLL_MILLIS}, so the puller can check timeouts and stop requests between them.
 */
public interface TsInput extends Closeable {

    /**
     * Reads what has arrived into {@code buf}: the count, 0 if nothing came within the poll
     * interval, or -1 once the source ended the stream.
     *
     * @throws IOException the connection failed; the message says how
     */
    int read(byte[] buf, int off, int len) throws IOException;

    /** Opens a connection to {@code url}; a failure's message says why, for events and logs. */
    @FunctionalInterface
    interface Opener {
        TsInput open(PullUrl url) throws IOException;
    }
}
