package org.openstreamer.connector.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * One running pipeline as the engine sees it.
 *
 * @param stream    the stream name
 * @param state     engine-side state, e.g. {@code starting}, {@code running}, {@code retrying}
 * @param startedAt when the pipeline started
 * @param clients   viewers attached right now
 */
public record PipelineInfo(String stream, String state, Instant startedAt, int clients) implements Serializable {
}
