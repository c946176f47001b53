package org.openstreamer.ejb.model;

import jakarta.json.JsonObject;
import org.openstreamer.connector.api.SrtEndpoint;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that can be set on a stream, and inherited from a publish location or a template by
 * the streams they make. Absent settings are null (or empty); settings with a default hold it.
 * Build one with {@link #builder()} or change one with {@link #toBuilder()}.
 *
 * @param isStatic       started with the server and kept running (true), or started on demand
 * @param clientsTimeout seconds an on-demand stream keeps running after its last client
 * @param retryLimit     source connection attempts before an on-demand stream gives up
 * @param password       publish password (query string of RTMP/HTTP publishers), or null
 * @param onPublish      HTTP(S) backend asked before a publisher is let in, or null
 * @param onPlay         HTTP(S) backend asked before a viewer is let in, or null
 * @param maxSessions    most viewers at once, or null for no limit
 * @param maxBitrate     most kbit/s a publisher may send, or null for no limit
 * @param srt            SRT endpoints: null when absent; port 0 means none of its own (see {@link SrtEndpoint})
 * @param thumbnails     a JPEG of each segment's first keyframe is served at {@code /NAME/preview.jpg}
 * @param rtp            how RTSP inputs get RTP: {@code udp}, {@code tcp} (interleaved), or null for tcp
 * @param framesTimeout  seconds without frames before {@code frames_timed_out}, or null for the default (3)
 * @param softLimitation {@code soft_limitation}: a user over its sessions is cut only once they prove in use;
 *                       null for the server's setting
 * @param domains        {@code domains}: the hosts (or {@code *.host}, {@code *}) a Referer may name; empty for none
 */
public record StreamOptions(String title, boolean disabled, boolean publishEnabled, boolean isStatic,
                            int clientsTimeout, int retryLimit, String password, String onPublish, String onPlay,
                            Integer maxSessions, Integer maxBitrate, List<InputDefinition> inputs, SrtEndpoint srt,
                            SrtEndpoint srtPublish, SrtEndpoint srtPlay, int segmentDuration, int segmentCount,
                            DvrConfig dvr, List<Push> pushes, Backup backup, JsonObject meta, boolean thumbnails, String rtp,
                            Integer framesTimeout, Boolean softLimitation, List<String> domains) {

    public static final int DEFAULT_SEGMENT_DURATION = 4;
    public static final int DEFAULT_SEGMENT_COUNT = 4;
    public static final int DEFAULT_CLIENTS_TIMEOUT = 60;
    public static final int DEFAULT_RETRY_LIMIT = 10;

    public StreamOptions {
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        pushes = pushes == null ? List.of() : List.copyOf(pushes);
        domains = domains == null ? List.of() : List.copyOf(domains);
        meta = meta == null ? JsonObject.EMPTY_JSON_OBJECT : meta;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Publishers are let in when {@code publish_enabled} is set or an input is {@code publish://}. */
    public boolean publishable() {
        return publishEnabled || inputs.stream().anyMatch(InputDefinition::isPublish);
    }

    /** The SRT endpoints present, in {@link SrtKind} order. */
    public Map<SrtKind, SrtEndpoint> endpoints() {
        Map<SrtKind, SrtEndpoint> map = new EnumMap<>(SrtKind.class);
        putIfPresent(map, SrtKind.SRT, srt);
        putIfPresent(map, SrtKind.SRT_PUBLISH, srtPublish);
        putIfPresent(map, SrtKind.SRT_PLAY, srtPlay);
        return map;
    }

    /** Whether the DVR records streams with these options without being switched on. */
    public boolean records() {
        return dvr != null && dvr.recordsNow();
    }

    /** The settings (API spelling, in the order of the JSON shape) whose values differ from {@code other}'s. */
    public List<String> changedFrom(StreamOptions o) {
        List<String> changed = new ArrayList<>();
        addIf(changed, "title", !Objects.equals(title, o.title));
        addIf(changed, "disabled", disabled != o.disabled);
        addIf(changed, "publish_enabled", publishEnabled != o.publishEnabled);
        addIf(changed, "static", isStatic != o.isStatic);
        addIf(changed, "clients_timeout", clientsTimeout != o.clientsTimeout);
        addIf(changed, "retry_limit", retryLimit != o.retryLimit);
        addIf(changed, "password", !Objects.equals(password, o.password));
        addIf(changed, "on_publish", !Objects.equals(onPublish, o.onPublish));
        addIf(changed, "on_play", !Objects.equals(onPlay, o.onPlay));
        addIf(changed, "max_sessions", !Objects.equals(maxSessions, o.maxSessions));
        addIf(changed, "max_bitrate", !Objects.equals(maxBitrate, o.maxBitrate));
        addIf(changed, "inputs", !inputs.equals(o.inputs));
        addIf(changed, "srt", !Objects.equals(srt, o.srt));
        addIf(changed, "srt_publish", !Objects.equals(srtPublish, o.srtPublish));
        addIf(changed, "srt_play", !Objects.equals(srtPlay, o.srtPlay));
        addIf(changed, "segment_duration", segmentDuration != o.segmentDuration);
        addIf(changed, "segment_count", segmentCount != o.segmentCount);
        addIf(changed, "thumbnails", thumbnails != o.thumbnails);
        addIf(changed, "dvr", !Objects.equals(dvr, o.dvr));
        addIf(changed, "pushes", !pushes.equals(o.pushes));
        addIf(changed, "backup", !Objects.equals(backup, o.backup));
        addIf(changed, "meta", !meta.equals(o.meta));
        addIf(changed, "rtp", !Objects.equals(rtp, o.rtp));
        addIf(changed, "frames_timeout", !Objects.equals(framesTimeout, o.framesTimeout));
        addIf(changed, "soft_limitation", !Objects.equals(softLimitation, o.softLimitation));
        addIf(changed, "domains", !domains.equals(o.domains));
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

    /** Mutable twin of {@link StreamOptions}; starts from the defaults. */
    public static final class Builder {
        private String title;
        private boolean disabled;
        private boolean publishEnabled;
        private boolean isStatic = true;
        private int clientsTimeout = DEFAULT_CLIENTS_TIMEOUT;
        private int retryLimit = DEFAULT_RETRY_LIMIT;
        private String password;
        private String onPublish;
        private String onPlay;
        private Integer maxSessions;
        private Integer maxBitrate;
        private List<InputDefinition> inputs = List.of();
        private SrtEndpoint srt;
        private SrtEndpoint srtPublish;
        private SrtEndpoint srtPlay;
        private int segmentDuration = DEFAULT_SEGMENT_DURATION;
        private int segmentCount = DEFAULT_SEGMENT_COUNT;
        private DvrConfig dvr;
        private List<Push> pushes = List.of();
        private Backup backup;
        private JsonObject meta;
        private boolean thumbnails;
        private String rtp;
        private Integer framesTimeout;
        private Boolean softLimitation;
        private List<String> domains = List.of();

        private Builder() {
        }

        private Builder(StreamOptions o) {
            title = o.title;
            disabled = o.disabled;
            publishEnabled = o.publishEnabled;
            isStatic = o.isStatic;
            clientsTimeout = o.clientsTimeout;
            retryLimit = o.retryLimit;
            password = o.password;
            onPublish = o.onPublish;
            onPlay = o.onPlay;
            maxSessions = o.maxSessions;
            maxBitrate = o.maxBitrate;
            inputs = o.inputs;
            srt = o.srt;
            srtPublish = o.srtPublish;
            srtPlay = o.srtPlay;
            segmentDuration = o.segmentDuration;
            segmentCount = o.segmentCount;
            dvr = o.dvr;
            pushes = o.pushes;
            backup = o.backup;
            meta = o.meta;
            thumbnails = o.thumbnails;
            rtp = o.rtp;
            framesTimeout = o.framesTimeout;
            softLimitation = o.softLimitation;
            domains = o.domains;
        }

        public Builder title(String v) { title = v; return this; }
        public Builder disabled(boolean v) { disabled = v; return this; }
        public Builder publishEnabled(boolean v) { publishEnabled = v; return this; }
        public Builder isStatic(boolean v) { isStatic = v; return this; }
        public Builder clientsTimeout(int v) { clientsTimeout = v; return this; }
        public Builder retryLimit(int v) { retryLimit = v; return this; }
        public Builder password(String v) { password = v; return this; }
        public Builder onPublish(String v) { onPublish = v; return this; }
        public Builder onPlay(String v) { onPlay = v; return this; }
        public Builder maxSessions(Integer v) { maxSessions = v; return this; }
        public Builder maxBitrate(Integer v) { maxBitrate = v; return this; }
        public Builder inputs(List<InputDefinition> v) { inputs = v; return this; }
        public Builder srt(SrtEndpoint v) { srt = v; return this; }
        public Builder srtPublish(SrtEndpoint v) { srtPublish = v; return this; }
        public Builder srtPlay(SrtEndpoint v) { srtPlay = v; return this; }
        public Builder segmentDuration(int v) { segmentDuration = v; return this; }
        public Builder segmentCount(int v) { segmentCount = v; return this; }
        public Builder dvr(DvrConfig v) { dvr = v; return this; }
        public Builder pushes(List<Push> v) { pushes = v; return this; }
        public Builder backup(Backup v) { backup = v; return this; }
        public Builder meta(JsonObject v) { meta = v; return this; }
        public Builder thumbnails(boolean v) { thumbnails = v; return this; }
        public Builder rtp(String v) { rtp = v; return this; }
        public Builder framesTimeout(Integer v) { framesTimeout = v; return this; }
        public Builder softLimitation(Boolean v) { softLimitation = v; return this; }
        public Builder domains(List<String> v) { domains = v; return this; }

        /** Sets the endpoint of {@code kind}. */
        public Builder endpoint(SrtKind kind, SrtEndpoint v) {
            switch (kind) {
                case SRT -> srt = v;
                case SRT_PUBLISH -> srtPublish = v;
                case SRT_PLAY -> srtPlay = v;
            }
            return this;
        }

        public StreamOptions build() {
            return new StreamOptions(title, disabled, publishEnabled, isStatic, clientsTimeout, retryLimit, password,
                    onPublish, onPlay, maxSessions, maxBitrate, inputs, srt, srtPublish, srtPlay, segmentDuration,
                    segmentCount, dvr, pushes, backup, meta, thumbnails, rtp,
                    framesTimeout, softLimitation, domains);
        }
    }
}
