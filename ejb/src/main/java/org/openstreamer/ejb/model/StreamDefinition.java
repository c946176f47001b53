package org.openstreamer.ejb.model;

import java.util.Objects;

/**
 * The configuration of one stream as the API and the services see it: what {@code PUT
 * /streams/NAME} carries and {@code GET} returns, a name and its {@link StreamOptions}.
 */
public record StreamDefinition(String name, StreamOptions options) {

    public StreamDefinition {
        Objects.requireNonNull(options, "options");
    }

    /** A stream with every option at its default. */
    public static StreamDefinition withDefaults(String name) {
        return new StreamDefinition(name, StreamOptions.builder().build());
    }
}
