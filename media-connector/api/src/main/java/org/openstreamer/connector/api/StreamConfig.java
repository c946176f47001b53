package org.openstreamer.connector.api;

import java.io.Serializable;
import java.util.List;

/**
 * What the engine needs to know of one configured stream. The EJB layer sends the whole set with
 * {@link MediaEngine#applyStreams}; the engine starts, stops or reconfigures only what changed.
 *
 * @param name            stream name (the rule: {@link StreamName})
 * @param publishEnabled  whether a publisher may push to it
 * @param disabled        a disabled stream accepts no publisher and no viewer
 * @param srt             shared SRT endpoint (mode taken from {@code m=} in the streamid), or null
 * @param srtPublish      publish-only endpoint, or null
 * @param srtPlay         play-only endpoint, or null
 *                        (an endpoint with port 0 only sets the passphrase used on the global ports)
 * @param segmentDuration HLS segment target in seconds (rounded to whole GOPs)
 * @param segmentCount    segments listed in the live playlist
 * @param isStatic        started with the server and kept running, waiting for its source while it
 *                        has none; otherwise started on demand
 * @param clientsTimeout  seconds an on-demand stream keeps running after its last client
 * @param retryLimit      source attempts before an on-demand stream gives up
 * @param dvr             where and when the stream is recorded, or null when it is not
 * @param source          the first input the engine would pull itself (any but {@code publish://}), or null;
 *                        it runs {@code timeshift://}, {@code udp://}, {@code tshttp[s]://}, {@code tstcp://},
 *                        {@code srt://}, {@code hls[s]://}, {@code rtmp://} and {@code file://}
 * @param sourceTimeout   seconds without frames from that input before it is reconnected
 * @param password        what publishers must give as {@code password} (SRT streamid, HTTP and RTMP query), or null
 * @param pushes          where the stream is copied to, in order (disabled ones included)
 * @param onPublish       HTTP(S) backend asked before a publisher is let in ({@code on_publish}), or null
 * @param thumbnails      a JPEG of the first keyframe of each segment is kept for {@code /NAME/preview.jpg}
 * @param inputs          every input, {@code publish://} included, sorted by priority (the order failover
 *                        tries them); empty when only {@code source} is set, see {@link #failoverOrder}
 * @param backup          an MPEG-TS file played in a loop while no input brings frames (the path the
 *                        configuration gives, relative to a VOD location), or null
 * @param sourceOptions   the pulled input's options, flat: {@code user_agent}, {@code header.NAME},
 *                        {@code skip_stalled_check} (never null)
 * @param rtpUdp          RTSP inputs take RTP over UDP (the setting {@code rtp udp}); otherwise interleaved over TCP
 * @param framesTimeout   seconds without frames from the stream's publisher or source before {@code frames_timed_out}
 */
public record StreamConfig(String name, boolean publishEnabled, boolean disabled,
                           SrtEndpoint srt, SrtEndpoint srtPublish, SrtEndpoint srtPlay,
                           int segmentDuration, int segmentCount,
                           boolean isStatic, int clientsTimeout, int retryLimit, DvrSettings dvr,
                           String source, int sourceTimeout, String password, List<PushConfig> pushes,
                           String onPublish,
                           boolean thumbnails,
                           List<InputConfig> inputs, String backup,
                           java.util.Map<String, String> sourceOptions,
                           boolean rtpUdp,
                           int framesTimeout)
        implements Serializable {

    public static final int DEFAULT_SEGMENT_DURATION = 4;
    public static final int DEFAULT_SEGMENT_COUNT = 4;
    public static final int DEFAULT_CLIENTS_TIMEOUT = 60;
    public static final int DEFAULT_RETRY_LIMIT = 10;
    public static final int DEFAULT_SOURCE_TIMEOUT = 60;
    public static final int DEFAULT_FRAMES_TIMEOUT = 3;

    public StreamConfig {
        pushes = pushes == null ? List.of() : List.copyOf(pushes);
        inputs = inputs == null ? List.of() : inputs.stream()
                .sorted(java.util.Comparator.comparingInt(InputConfig::priority)).toList();
        sourceOptions = sourceOptions == null ? java.util.Map.of() : java.util.Map.copyOf(sourceOptions);
    }

    /**
     * The inputs in the order failover tries them: {@link #inputs}, or {@code source} alone for a
     * configuration that names only that.
     */
    public List<InputConfig> failoverOrder() {
        if (!inputs.isEmpty() || source == null) {
            return inputs;
        }
        return List.of(new InputConfig(source, 0, sourceTimeout, sourceOptions));
    }

    /** A builder with the defaults: publishing on, static, no SRT endpoints, DVR, source or pushes. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        return new Builder(name).publishEnabled(publishEnabled).disabled(disabled)
                .srt(srt).srtPublish(srtPublish).srtPlay(srtPlay)
                .segmentDuration(segmentDuration).segmentCount(segmentCount)
                .isStatic(isStatic).clientsTimeout(clientsTimeout).retryLimit(retryLimit).dvr(dvr)
                .source(source).sourceTimeout(sourceTimeout).password(password).pushes(pushes)
                .onPublish(onPublish)
                .thumbnails(thumbnails)
                .inputs(inputs).backup(backup)
                .sourceOptions(sourceOptions)
                .rtpUdp(rtpUdp)
                .framesTimeout(framesTimeout);
    }

    /** Without pushes. */
    public StreamConfig(String name, boolean publishEnabled, boolean disabled,
                        SrtEndpoint srt, SrtEndpoint srtPublish, SrtEndpoint srtPlay,
                        int segmentDuration, int segmentCount, boolean isStatic, int clientsTimeout, int retryLimit,
                        DvrSettings dvr, String source, int sourceTimeout, String password) {
        this(builder(name).publishEnabled(publishEnabled).disabled(disabled)
                .srt(srt).srtPublish(srtPublish).srtPlay(srtPlay)
                .segmentDuration(segmentDuration).segmentCount(segmentCount)
                .isStatic(isStatic).clientsTimeout(clientsTimeout).retryLimit(retryLimit).dvr(dvr)
                .source(source).sourceTimeout(sourceTimeout).password(password));
    }

    /** With the default source timeout and no pushes. */
    public StreamConfig(String name, boolean publishEnabled, boolean disabled,
                        SrtEndpoint srt, SrtEndpoint srtPublish, SrtEndpoint srtPlay,
                        int segmentDuration, int segmentCount, boolean isStatic, int clientsTimeout, int retryLimit,
                        DvrSettings dvr, String source, String password) {
        this(name, publishEnabled, disabled, srt, srtPublish, srtPlay, segmentDuration, segmentCount, isStatic,
                clientsTimeout, retryLimit, dvr, source, DEFAULT_SOURCE_TIMEOUT, password);
    }

    /** With the default source timeout, no publish password and no pushes. */
    public StreamConfig(String name, boolean publishEnabled, boolean disabled,
                        SrtEndpoint srt, SrtEndpoint srtPublish, SrtEndpoint srtPlay,
                        int segmentDuration, int segmentCount,
                        boolean isStatic, int clientsTimeout, int retryLimit, DvrSettings dvr, String source) {
        this(name, publishEnabled, disabled, srt, srtPublish, srtPlay, segmentDuration, segmentCount, isStatic,
                clientsTimeout, retryLimit, dvr, source, DEFAULT_SOURCE_TIMEOUT, null);
    }

    /** A static stream with the default on-demand settings. */
    public StreamConfig(String name, boolean publishEnabled, boolean disabled,
                        SrtEndpoint srt, SrtEndpoint srtPublish, SrtEndpoint srtPlay,
                        int segmentDuration, int segmentCount) {
        this(name, publishEnabled, disabled, srt, srtPublish, srtPlay, segmentDuration, segmentCount, true,
                DEFAULT_CLIENTS_TIMEOUT, DEFAULT_RETRY_LIMIT, null, null);
    }

    /** Without a DVR. */
    public StreamConfig(String name, boolean publishEnabled, boolean disabled,
                        SrtEndpoint srt, SrtEndpoint srtPublish, SrtEndpoint srtPlay,
                        int segmentDuration, int segmentCount, boolean isStatic, int clientsTimeout, int retryLimit) {
        this(name, publishEnabled, disabled, srt, srtPublish, srtPlay, segmentDuration, segmentCount, isStatic,
                clientsTimeout, retryLimit, null, null);
    }

    private StreamConfig(Builder b) {
        this(b.name, b.publishEnabled, b.disabled, b.srt, b.srtPublish, b.srtPlay, b.segmentDuration,
                b.segmentCount, b.isStatic, b.clientsTimeout, b.retryLimit, b.dvr, b.source, b.sourceTimeout,
                b.password, b.pushes, b.onPublish, b.thumbnails, b.inputs, b.backup, b.sourceOptions, b.rtpUdp,
                b.framesTimeout);
    }

    /** The same settings under another name. */
    public StreamConfig withName(String other) {
        return toBuilder().name(other).build();
    }

    /**
     * The same settings under another name (a stream made from a publish location or template);
     * {@code %s} in push URLs becomes {@code rest}, the part of the name after the prefix.
     */
    public StreamConfig withName(String other, String rest) {
        return toBuilder().name(other).pushes(pushes.stream().map(p -> p.forName(rest)).toList()).build();
    }

    /** The same settings with other pushes. */
    public StreamConfig withPushes(List<PushConfig> other) {
        return toBuilder().pushes(other).build();
    }

    /** The same settings with another DVR state (the API's enable and disable). */
    public StreamConfig withDvr(DvrSettings other) {
        return toBuilder().dvr(other).build();
    }

    /**
     * Builds a {@link StreamConfig} by name: new settings get a setter here (with their default)
     * instead of another positional constructor.
     */
    public static final class Builder {
        private String name;
        private boolean publishEnabled = true;
        private boolean disabled;
        private SrtEndpoint srt;
        private SrtEndpoint srtPublish;
        private SrtEndpoint srtPlay;
        private int segmentDuration = DEFAULT_SEGMENT_DURATION;
        private int segmentCount = DEFAULT_SEGMENT_COUNT;
        private boolean isStatic = true;
        private int clientsTimeout = DEFAULT_CLIENTS_TIMEOUT;
        private int retryLimit = DEFAULT_RETRY_LIMIT;
        private DvrSettings dvr;
        private String source;
        private int sourceTimeout = DEFAULT_SOURCE_TIMEOUT;
        private String password;
        private List<PushConfig> pushes = List.of();
        private String onPublish;
        private boolean thumbnails;
        private List<InputConfig> inputs = List.of();
        private String backup;
        private java.util.Map<String, String> sourceOptions = java.util.Map.of();
        private boolean rtpUdp;
        private int framesTimeout = DEFAULT_FRAMES_TIMEOUT;

        private Builder(String name) {
            this.name = name;
        }

        public Builder name(String v) { name = v; return this; }
        public Builder publishEnabled(boolean v) { publishEnabled = v; return this; }
        public Builder disabled(boolean v) { disabled = v; return this; }
        public Builder srt(SrtEndpoint v) { srt = v; return this; }
        public Builder srtPublish(SrtEndpoint v) { srtPublish = v; return this; }
        public Builder srtPlay(SrtEndpoint v) { srtPlay = v; return this; }
        public Builder segmentDuration(int v) { segmentDuration = v; return this; }
        public Builder segmentCount(int v) { segmentCount = v; return this; }
        public Builder isStatic(boolean v) { isStatic = v; return this; }
        public Builder clientsTimeout(int v) { clientsTimeout = v; return this; }
        public Builder retryLimit(int v) { retryLimit = v; return this; }
        public Builder dvr(DvrSettings v) { dvr = v; return this; }
        public Builder source(String v) { source = v; return this; }
        public Builder sourceTimeout(int v) { sourceTimeout = v; return this; }
        public Builder password(String v) { password = v; return this; }
        public Builder pushes(List<PushConfig> v) { pushes = v; return this; }
        public Builder onPublish(String v) { onPublish = v; return this; }
        public Builder thumbnails(boolean v) { thumbnails = v; return this; }
        public Builder inputs(List<InputConfig> v) { inputs = v; return this; }
        public Builder backup(String v) { backup = v; return this; }
        public Builder sourceOptions(java.util.Map<String, String> v) { sourceOptions = v; return this; }
        public Builder rtpUdp(boolean v) { rtpUdp = v; return this; }
        public Builder framesTimeout(int v) { framesTimeout = v; return this; }

        public StreamConfig build() {
            return new StreamConfig(this);
        }
    }
}
