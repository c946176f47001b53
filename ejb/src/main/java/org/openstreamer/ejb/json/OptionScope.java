package org.openstreamer.ejb.json;

import jakarta.json.JsonObject;
import org.openstreamer.ejb.error.ConfigException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which stream options a kind of configuration takes. A stream takes them all; a publish location
 * has no inputs (its streams are published) and no static/on-demand settings (its streams live
 * while published); a template's streams are made on demand, so it has no {@code static}.
 */
public enum OptionScope {
    STREAM(Set.of(), true, null),
    PUBLISH_LOCATION(Set.of("publish_enabled", "static", "clients_timeout", "retry_limit", "inputs"), false,
            "its streams come from their publishers and live while published"),
    TEMPLATE(Set.of("static"), false, "its streams are made on demand");

    /** The reference's older name of {@code on_play}: read, never written. */
    static final String AUTH = "auth";

    private final Set<String> keys;
    private final boolean staticByDefault;
    private final String whyExcluded;

    OptionScope(Set<String> excluded, boolean staticByDefault, String whyExcluded) {
        this.whyExcluded = whyExcluded;
        Set<String> k = new LinkedHashSet<>(Options.ALL);
        k.removeAll(excluded);
        k.add(AUTH);
        this.keys = Set.copyOf(k);
        this.staticByDefault = staticByDefault;
    }

    /**
     * Refuses a stream option this kind does not take with a reason (400 {@code invalid_value}),
     * rather than as an unknown key: {@code inputs} in a publish location is a mistake of meaning.
     */
    void refuseExcluded(JsonObject body, String kind) {
        for (String key : body.keySet()) {
            if (Options.ALL.contains(key) && !keys.contains(key)) {
                throw ConfigException.invalid(ConfigException.INVALID_VALUE, key,
                        "A " + kind + " takes no '" + key + "': " + whyExcluded + ".");
            }
        }
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
                "srt_publish", "srt_play", "segment_duration", "segment_count", "thumbnails", "dvr", "pushes", "backup", "meta", "rtp",
                "frames_timeout", "soft_limitation", "domains");

        private Options() {
        }
    }
}
