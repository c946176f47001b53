package org.openstreamer.web.metrics;

import org.openstreamer.connector.api.DvrStatus;
import org.openstreamer.connector.api.PipelineInfo;

/** What the engine says of one running stream at a scrape. */
public record StreamFigures(PipelineInfo pipeline, DvrStatus dvr, long segments) {

    public String name() {
        return pipeline.stream();
    }

    /** The stream records now or has recorded (or failed to) since the engine started. */
    public boolean hasDvr() {
        return dvr.recording() || dvr.segments() > 0 || dvr.failed() > 0;
    }
}
