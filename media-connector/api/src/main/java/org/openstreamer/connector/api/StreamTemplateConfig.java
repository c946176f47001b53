package org.openstreamer.connector.api;

import java.io.Serializable;

/**
 * A template: names under {@code prefix/} that are not configured themselves are on-demand streams
 * with {@code options} (whose name is the template's). Publishable when the template has a
 * {@code publish://} input; such a stream goes when its publisher leaves, unless {@code records}.
 */
public record StreamTemplateConfig(String name, String prefix, StreamConfig options, boolean records)
        implements Serializable {
}
