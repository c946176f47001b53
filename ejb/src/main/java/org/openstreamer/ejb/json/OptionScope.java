package org.openstreamer.ejb.json;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which stream options a kind of configuration takes. A stream takes them all; a publish location
 * has no inputs (its streams are published) and no static/on-demand settings (its streams live
 * while published); a template's streams are made on demand, so it has no {@code static}.
 */
public enum OptionScope {
    STREAM(Set.of(), true),
    PUBLISH_LOCATION(Set.of("publish_enabled", "static", "clients_timeout", "retry_limit", "inputs"), false),
    TEMPLATE(Set.of("static"), false);

    /** The reference's older name of {@code on_play}: read, never written. */
    static final String AUTH = "auth";

    private final Set<String> keys;
    private final boolean staticByDefault;

    OptionScope(Set<String> excluded, boolean staticByDefault) {
        Set<String> k = new LinkedHashSet<>(Options.ALL);
        k.removeAll(excluded);
        k.add(AUTH);
        this.keys = Set.copyOf(k);
        this.staticByDefault = staticByDefault;
    }

    boolean has(String key) {
        return keys.contains(key);
    }

    /** The option keys, {@code auth} included, plus {@code extra} (name, prefix, ...). */
    Set<String> keysWith(String... extra) {
        Set<String> all = new LinkedHashSet<>(keys);
        all.addAll(List.of(extra));
        return all;
    }

    boolean staticByDefault() {
        return staticByDefault;
    }

    /** Held apart so that the enum constants' constructor may read it. */
    static final class Options {
        /** Every option in the order of the JSON shape. */
        static final List<String> ALL = List.of("title", "disabled", "publish_enabled", "static", "clients_timeout",
                "retry_limit", "password", "on_publish", "on_play", "max_sessions", "max_bitrate", "inputs", "srt",
                "srt_publish", "srt_play", "segment_duration", "segment_count", "dvr", "pushes", "backup", "meta");

        private Options() {
        }
    }
}
