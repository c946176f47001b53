package org.openstreamer.connector.api;

import java.util.List;

/**
 * A connection handle to the media engine inside the resource adapter. Obtain one from
 * {@link MediaEngineFactory#getEngine()} and close it when done (try-with-resources); handles are
 * cheap and pooled by the container.
 */
public interface MediaEngine extends AutoCloseable {

    /** What the engine is and what it can do: versions, native libraries, uptime. */
    EngineInfo info();

    /** Pipelines (one per live stream being ingested or served) running right now. */
    List<PipelineInfo> pipelines();

    /** Returns the handle to the pool; never throws. */
    @Override
    void close();
}
