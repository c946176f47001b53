package org.openstreamer.ejb.model;

import java.util.List;
import java.util.Objects;

/**
 * A publish location ({@code live PREFIX} in the reference's configuration): any name under
 * {@code PREFIX/} may be published to without being configured first. The stream exists while its
 * publisher is connected (longer if its options record it) and takes {@code options}.
 */
public record PublishLocationDefinition(String prefix, StreamOptions options) {

    public PublishLocationDefinition {
        Objects.requireNonNull(options, "options");
    }

    /** Whether {@code name} is published through this location. */
    public boolean covers(String name) {
        return PrefixNames.isUnder(name, prefix);
    }

    /** The stream {@code name} as this location makes it: publishable, on demand, pushes' {@code %s} filled in. */
    public StreamDefinition streamFor(String name) {
        return new StreamDefinition(name, options.toBuilder().publishEnabled(true).isStatic(false)
                .inputs(List.of(new InputDefinition(InputDefinition.PUBLISH_URL, null, null, null)))
                .pushes(PrefixNames.pushesFor(options.pushes(), name, prefix)).build());
    }
}
