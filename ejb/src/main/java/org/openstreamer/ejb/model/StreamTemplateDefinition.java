package org.openstreamer.ejb.model;

import java.util.Objects;

/**
 * A template: the streams whose names start with {@code PREFIX/} and that are not configured
 * themselves take {@code options}, with {@code %s} in input URLs replaced by the rest of the name
 * ({@code ams/ort} with input {@code hls://origin/%s/index.m3u8} pulls {@code hls://origin/ort/index.m3u8})
 * and {@code %s} in push URLs by the whole name.
 */
public record StreamTemplateDefinition(String name, String prefix, StreamOptions options) {

    public StreamTemplateDefinition {
        Objects.requireNonNull(options, "options");
    }

    /** Whether {@code name} takes its options from this template. */
    public boolean covers(String name) {
        return PrefixNames.isUnder(name, prefix);
    }

    /** The stream {@code name} as this template makes it: on demand, {@code %s} filled in. */
    public StreamDefinition streamFor(String name) {
        String rest = PrefixNames.rest(name, prefix);
        return new StreamDefinition(name, options.toBuilder().isStatic(false)
                .inputs(options.inputs().stream().map(i -> new InputDefinition(
                        i.url().replace(PrefixNames.PLACEHOLDER, rest), i.priority(), i.sourceTimeout(), i.options())).toList())
                .pushes(PrefixNames.pushesFor(options.pushes(), name, prefix)).build());
    }
}
