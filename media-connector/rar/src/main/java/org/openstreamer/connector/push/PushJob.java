package org.openstreamer.connector.push;

import org.openstreamer.connector.api.PushConfig;
import org.openstreamer.connector.api.PushInfo;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One push as the {@link Pushes} thread runs it, whatever it sends: the live MPEG-TS
 * ({@link Pusher}) or HLS segments and playlists ({@link HlsUploader}). None of the calls blocks.
 */
interface PushJob {

    PushConfig config();

    /** Disabled because its stream is (the push itself may be enabled). */
    boolean disabledByStream();

    /** Ten times a second: connect, retry, notice what went away. */
    void tick(long now);

    /**
     * Sends what is waiting. True when the destination could not take everything (call again
     * soon); false when done or there is nothing to send.
     */
    default boolean pump() {
        return false;
    }

    /** Set while the job waits in the pump queue, so that a burst of packets queues it once. */
    AtomicBoolean queued();

    /** The push was removed or changed, or the stream went: let go of everything. */
    void close();

    PushInfo info();
}
