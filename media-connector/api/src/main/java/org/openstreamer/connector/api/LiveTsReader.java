package org.openstreamer.connector.api;

import java.io.IOException;

/**
 * One viewer's position in a live MPEG-TS stream. It starts at the latest keyframe (after the
 * program tables) so playback starts at once, then follows the live edge. Reading never blocks:
 * it hands out what has arrived. A reader that falls too far behind is ended by the engine, so a
 * slow viewer never holds memory or slows anyone else.
 */
public interface LiveTsReader extends AutoCloseable {

    /** Reading result: the stream ended, or this reader fell behind and was dropped. */
    long ENDED = -1;

    /** Writes up to {@code maxBytes} of whole TS packets to {@code sink}; returns bytes written, 0 if nothing new, or {@link #ENDED}. */
    long read(ByteSink sink, int maxBytes) throws IOException;

    /** Runs {@code listener} (on a media thread: it must not block) whenever new data may be available. */
    void onAvailable(Runnable listener);

    @Override
    void close();
}
