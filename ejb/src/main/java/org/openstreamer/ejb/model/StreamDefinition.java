package org.openstreamer.ejb.model;

import jakarta.json.JsonObject;
import org.openstreamer.connector.api.SrtEndpoint;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The configuration of one stream as the API and the services see it: what {@code PUT
 * /streams/NAME} carries and {@code GET} returns. Endpoints are null when absent; an endpoint
 * with port 0 has no port of its own (its passphrase applies on the global ports).
 */
public record StreamDefinition(String name, String title, boolean disabled, boolean publishEnabled,
                               List<InputDefinition> inputs, SrtEndpoint srt, SrtEndpoint srtPublish,
                               SrtEndpoint srtPlay, int segmentDuration, int segmentCount, JsonObject meta) {

    public static final int DEFAULT_SEGMENT_DURATION = 4;
    public static final int DEFAULT_SEGMENT_COUNT = 4;

    public StreamDefinition {
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        meta = meta == null ? JsonObject.EMPTY_JSON_OBJECT : meta;
    }

    /** Publishers are let in when {@code publish_enabled} is set or an input is {@code publish://}. */
    public boolean publishable() {
        return publishEnabled || inputs.stream().anyMatch(InputDefinition::isPublish);
    }

    /** The endpoints present, in {@link SrtKind} order. */
    public Map<SrtKind, SrtEndpoint> endpoints() {
        Map<SrtKind, SrtEndpoint> map = new EnumMap<>(SrtKind.class);
        putIfPresent(map, SrtKind.SRT, srt);
        putIfPresent(map, SrtKind.SRT_PUBLISH, srtPublish);
        putIfPresent(map, SrtKind.SRT_PLAY, srtPlay);
        return map;
    }

    /** The top-level settings (API spelling) whose values differ from {@code other}'s. */
    public List<String> changedFrom(StreamDefinition other) {
        List<String> changed = new ArrayList<>();
        addIf(changed, "title", !Objects.equals(title, other.title));
        addIf(changed, "disabled", disabled != other.disabled);
        addIf(changed, "publish_enabled", publishEnabled != other.publishEnabled);
        addIf(changed, "inputs", !inputs.equals(other.inputs));
        addIf(changed, "srt", !Objects.equals(srt, other.srt));
        addIf(changed, "srt_publish", !Objects.equals(srtPublish, other.srtPublish));
        addIf(changed, "srt_play", !Objects.equals(srtPlay, other.srtPlay));
        addIf(changed, "segment_duration", segmentDuration != other.segmentDuration);
        addIf(changed, "segment_count", segmentCount != other.segmentCount);
        addIf(changed, "meta", !meta.equals(other.meta));
        return changed;
    }

    static void putIfPresent(Map<SrtKind, SrtEndpoint> map, SrtKind kind, SrtEndpoint endpoint) {
        if (endpoint != null) {
            map.put(kind, endpoint);
        }
    }

    private static void addIf(List<String> list, String field, boolean condition) {
        if (condition) {
            list.add(field);
        }
    }
}
