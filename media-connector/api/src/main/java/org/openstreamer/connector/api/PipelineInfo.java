package org.openstreamer.connector.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * One live stream as the engine runs it.
 *
 * @param stream        the stream name
 * @param state         {@code publishing} while a publisher is connected, {@code waiting} otherwise
 * @param startedAt     when the current publisher connected, or when the stream was created
 * @param clients       viewers attached right now (MPEG-TS over HTTP and SRT players)
 * @param inputBitrate  bits per second received from the publisher
 * @param errors        input errors since the publisher connected (continuity, lost sync, bad tables)
 * @param lastFrameAgeMs milliseconds since the last frame, or -1 before any
 * @param publisher     the publisher's address ({@code host:port}), or null
 * @param port          the local port it published to, or 0
 */
public record PipelineInfo(String stream, String state, Instant startedAt, int clients, long inputBitrate,
                           long errors, long lastFrameAgeMs, String publisher, int port) implements Serializable {
}
