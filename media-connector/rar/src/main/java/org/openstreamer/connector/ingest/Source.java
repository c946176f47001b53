package org.openstreamer.connector.ingest;

import java.util.Map;

/**
 * A way into the engine, as the engine sees it: an SRT publisher today, an RTMP or RTSP publisher
 * or a pulled source tomorrow. Whatever the protocol, a source gets an {@link IngestSession} from
 * {@link IngestSessions#open} and hands it MPEG-TS packets, or access units with 90 kHz
 * timestamps (muxed to TS by the session); the engine needs from the source only what it
 * reports (who, where, the protocol's own statistics) and a way to end it. Protocols thus never
 * touch the hub or publish ingest events themselves, so connect, stats and loss read the same for
 * every protocol.
 */
public interface Source {

    /** The protocol's short name as events carry it: {@code srt}, {@code timeshift}. */
    String protocol();

    /** Who sends: {@code host:port} of a publisher, the URL of a pulled source. */
    String peer();

    /** The local port the source came in on, 0 if none. */
    int port();

    /**
     * Ends the source soon, on its own feeding thread (so that closing never races with a feed);
     * the source then closes its session with {@code reason}. May be called from any thread.
     */
    void disconnect(String reason);

    /**
     * The protocol's statistics for the {@code publish_stopped} event, as extra event data
     * (SRT: {@code srt_stats}, an object of libsrt's counters); empty if it has none. Called once,
     * while the session closes.
     */
    Map<String, ?> stopStats();
}
