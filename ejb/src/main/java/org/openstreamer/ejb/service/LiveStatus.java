package org.openstreamer.ejb.service;

import org.openstreamer.connector.api.DvrStatus;
import org.openstreamer.connector.api.MediaInfo;
import org.openstreamer.connector.api.PipelineInfo;
import org.openstreamer.connector.api.PushInfo;

import java.util.List;

/**
 * What the media engine says of one stream right now.
 *
 * @param pipeline  the engine's pipeline, or null when it runs none (no publisher yet, or restarted)
 * @param mediaInfo the tracks, or null before the first ones were seen
 * @param dvr       what the recorder says of the stream
 * @param pushes    what became of each push, in the configured order; empty when the engine runs none
 */
public record LiveStatus(PipelineInfo pipeline, MediaInfo mediaInfo, DvrStatus dvr, List<PushInfo> pushes) {

    public static final LiveStatus NONE = new LiveStatus(null, null, DvrStatus.NONE, List.of());

    public LiveStatus(PipelineInfo pipeline, MediaInfo mediaInfo) {
        this(pipeline, mediaInfo, DvrStatus.NONE, List.of());
    }

    /** Last frame under a second old: the reference's stream_health rule. */
    public boolean alive() {
        return pipeline != null && pipeline.alive();
    }

    /** Milliseconds since the last frame, or -1 when there was none. */
    public long lastFrameAgeMs() {
        return pipeline == null ? -1 : pipeline.lastFrameAgeMs();
    }
}
