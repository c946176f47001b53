package org.openstreamer.connector.ingest.rtmp;

import org.openstreamer.connector.ingest.IngestSession;
import org.openstreamer.connector.ingest.Source;
import org.openstreamer.connector.mux.ts.MuxTrack;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An admitted RTMP publisher, a {@link Source} to the engine: its audio and video messages become
 * access units of its {@link IngestSession}. Fed by its connection's thread only.
 */
final class RtmpPublisher implements Source {

    private final String peer;
    private final int port;
    private final Consumer<String> disconnect;
    private final FlvAccessUnits media;
    private IngestSession session;
    private long messages;

    /**
     * @param disconnect ends the connection (from any thread) with a reason
     * @param warn       where the conversion's problems are reported (once each)
     */
    RtmpPublisher(String peer, int port, Consumer<String> disconnect, Consumer<String> warn) {
        this.peer = peer;
        this.port = port;
        this.disconnect = disconnect;
        this.media = new FlvAccessUnits(new AccessUnitTarget() {
            @Override
            public void declareTracks(List<MuxTrack> tracks) {
                session.declareTracks(tracks);
            }

            @Override
            public void sequenceHeader(int track, byte[] config) {
                session.sequenceHeader(track, config);
            }

            @Override
            public void accessUnit(int track, long pts, long dts, boolean keyframe, byte[] buf, int off, int len) {
                session.accessUnit(track, pts, dts, keyframe, buf, off, len);
            }
        }, warn);
    }

    /** Set once admitted, before the first message is handed over. */
    void attach(IngestSession session) {
        this.session = session;
    }

    IngestSession session() {
        return session;
    }

    void metadata(Map<?, ?> properties) {
        media.metadata(properties);
    }

    void media(RtmpMessage m) {
        messages++;
        if (m.type == RtmpMessage.VIDEO) {
            media.video(m.timestamp, m.payload, 0, m.length);
        } else {
            media.audio(m.timestamp, m.payload, 0, m.length);
        }
        session.checkIfDue();
    }

    @Override
    public String protocol() {
        return "rtmp";
    }

    @Override
    public String peer() {
        return peer;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void disconnect(String reason) {
        disconnect.accept(reason);
    }

    @Override
    public Map<String, ?> stopStats() {
        return Map.of("rtmp_stats", Map.of("media_messages", messages, "dropped_before_tracks", media.droppedEarly()));
    }
}
