package org.openstreamer.connector.api;

import java.io.Serializable;

/**
 * A publish location ({@code live PREFIX}): a publisher may push to any name under
 * {@code prefix/} that is not configured itself. The engine makes the stream when the publisher
 * connects, with {@code options} (their name is the prefix), and removes it when the publisher
 * leaves, unless {@code records}.
 *
 * @param records the location's DVR records its streams, which then stay after the publisher leaves
 */
public record PublishLocationConfig(String prefix, StreamConfig options, boolean records) implements Serializable {
}
