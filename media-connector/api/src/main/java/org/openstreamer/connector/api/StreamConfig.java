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
 *                        it runs {@code timeshift://}, {@code udp://}, {@code tshttp://} and {@code tstcp://}
 * @param sourceTimeout   seconds without frames from that input before it is reconnected
 * @param password        what publishers must give as {@code password} (SRT streamid, HTTP and RTMP query), or null
 * @param pushes          where the stream is copied to, in order (disabled ones included)
 * @param rtpUdp          RTSP inputs take RTP over UDP (the setting {@code rtp udp}); otherwise interleaved over TCP
 * @param sourceTracks    the 1-based tracks to take from that input ({@code tracks=}); empty: all
 */
public record StreamConfig(String name, boolean publishEnabled, boolean disabled,
                           SrtEndpoint srt, SrtEndpoint srtPublish, SrtEndpoint srtPlay,
                           int segmentDuration, int segmentCount,
                           boolean isStatic, int clientsTimeout, int retryLimit, DvrSettings dvr,
                           String source, int sourceTimeout, String password, List<PushConfig> pushes,
                           boolean rtpUdp, List<Integer> sourceTracks)
        implements Serializable {

    public static final int DEFAULT_SEGMENT_DURATION = 4;
    public static final int DEFAULT_SEGMENT_COUNT = 4;
    public static final int DEFAULT_CLIENTS_TIMEOUT = 60;
    public static final int DEFAULT_RETRY_LIMIT = 10;
    public static final int DEFAULT_SOURCE_TIMEOUT = 60;

    public StreamConfig {
        pushes = pushes == null ? List.of() : List.copyOf(pushes);
        sourceTracks = sourceTracks == null ? List.of() : List.copyOf(sourceTracks);
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
                .rtpUdp(rtpUdp).sourceTracks(sourceTracks);
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
                b.password, b.pushes, b.rtpUdp, b.sourceTracks);
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
        private boolean rtpUdp;
        private List<Integer> sourceTracks = List.of();

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
        public Builder rtpUdp(boolean v) { rtpUdp = v; return this; }
        public Builder sourceTracks(List<Integer> v) { sourceTracks = v; return this; }

        public StreamConfig build() {
            return new StreamConfig(this);
        }
    }
}
