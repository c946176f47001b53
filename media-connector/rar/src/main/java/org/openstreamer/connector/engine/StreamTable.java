package org.openstreamer.connector.engine;

import org.openstreamer.connector.api.StreamName;
import org.openstreamer.connector.api.PublishLocationConfig;
import org.openstreamer.connector.api.StreamConfig;
import org.openstreamer.connector.api.StreamTemplateConfig;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The engine's immutable view of the configuration: the configured streams by name, and the
 * publish locations and templates by prefix. {@link #resolve} answers for any name with a few map
 * lookups (one per segment of the name), so admission can call it from libsrt's listen callback.
 */
final class StreamTable {

    /**
     * What a name stands for; {@code dynamic} when made from a prefix, which may outlive its
     * publisher only if it records. {@code location} is that prefix, or the name itself.
     */
    record Resolved(StreamConfig config, boolean dynamic, boolean keepsAfterPublisher, String location) {
    }

    private record Prefix(StreamConfig options, boolean records) {
    }

    static final StreamTable EMPTY = new StreamTable(java.util.List.of(), java.util.List.of(), java.util.List.of());

    private final Map<String, StreamConfig> configured;
    private final Map<String, Prefix> prefixes;

    StreamTable(Collection<StreamConfig> streams, Collection<PublishLocationConfig> locations,
                Collection<StreamTemplateConfig> templates) {
        Map<String, StreamConfig> byName = new HashMap<>();
        streams.forEach(c -> byName.put(c.name(), c));
        Map<String, Prefix> byPrefix = new HashMap<>();
        // A publish location and a template never share a prefix (the API refuses it); if they did, the location wins.
        templates.forEach(t -> byPrefix.put(t.prefix(), new Prefix(t.options(), t.records())));
        locations.forEach(l -> byPrefix.put(l.prefix(), new Prefix(forPublishing(l.options()), l.records())));
        this.configured = Map.copyOf(byName);
        this.prefixes = Map.copyOf(byPrefix);
    }

    Map<String, StreamConfig> configured() {
        return configured;
    }

    /** The configuration of {@code name}: its own, or one made from the longest prefix it is under; null if none. */
    Resolved resolve(String name) {
        if (name == null) {
            return null;
        }
        StreamConfig own = configured.get(name);
        if (own != null) {
            return new Resolved(own, false, true, name);
        }
        if (prefixes.isEmpty() || !StreamName.isValid(name)) {
            return null;
        }
        for (int slash = name.lastIndexOf('/'); slash > 0; slash = name.lastIndexOf('/', slash - 1)) {
            String prefix = name.substring(0, slash);
            Prefix p = prefixes.get(prefix);
            if (p != null) {
                return new Resolved(p.options().withName(name, name.substring(slash + 1)), true, p.records(), prefix);
            }
        }
        return null;
    }

    private static StreamConfig forPublishing(StreamConfig c) {
        return c.toBuilder().publishEnabled(true).isStatic(false).build();
    }
}
