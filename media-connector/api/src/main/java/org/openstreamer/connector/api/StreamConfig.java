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
 */
public record StreamConfig(String name, boolean publishEnabled, boolean disabled,
                           SrtEndpoint srt, SrtEndpoint srtPublish, SrtEndpoint srtPlay,
                           int segmentDuration, int segmentCount,
                           boolean isStatic, int clientsTimeout, int retryLimit, DvrSettings dvr,
                           String source, int sourceTimeout, String password, List<PushConfig> pushes)
        implements Serializable {

    public static final int DEFAULT_SEGMENT_DURATION = 4;
    public static final int DEFAULT_SEGMENT_COUNT = 4;
    public static final int DEFAULT_CLIENTS_TIMEOUT = 60;
    public static final int DEFAULT_RETRY_LIMIT = 10;
    public static final int DEFAULT_SOURCE_TIMEOUT = 60;

    public StreamConfig {
        pushes = pushes == null ? List.of() : List.copyOf(pushes);
    }

    /** Without pushes. */
    public StreamConfig(String name, boolean publishEnabled, boolean disabled,
                        SrtEndpoint srt, SrtEndpoint srtPublish, SrtEndpoint srtPlay,
                        int segmentDuration, int segmentCount, boolean isStatic, int clientsTimeout, int retryLimit,
                        DvrSettings dvr, String source, int sourceTimeout, String password) {
        this(name, publishEnabled, disabled, srt, srtPublish, srtPlay, segmentDuration, segmentCount, isStatic,
                clientsTimeout, retryLimit, dvr, source, sourceTimeout, password, List.of());
    }

    /** With the default source timeout and no pushes. */
    public StreamConfig(String name, boolean publishEnabled, boolean disabled,
                        SrtEndpoint srt, SrtEndpoint srtPublish, SrtEndpoint srtPlay,
                        int segmentDuration, int segmentCount, boolean isStatic, int clientsTimeout, int retryLimit,
                        DvrSettings dvr, String source, String password) {
        this(name, publishEnabled, disabled, srt, srtPublish, srtPlay, segmentDuration, segmentCount, isStatic,
                clientsTimeout, retryLimit, dvr, source, DEFAULT_SOURCE_TIMEOUT, password, List.of());
    }

    /** With the default source timeout, no publish password and no pushes. */
    public StreamConfig(String name, boolean publishEnabled, boolean disabled,
                        SrtEndpoint srt, SrtEndpoint srtPublish, SrtEndpoint srtPlay,
                        int segmentDuration, int segmentCount,
                        boolean isStatic, int clientsTimeout, int retryLimit, DvrSettings dvr, String source) {
        this(name, publishEnabled, disabled, srt, srtPublish, srtPlay, segmentDuration, segmentCount, isStatic,
                clientsTimeout, retryLimit, dvr, source, DEFAULT_SOURCE_TIMEOUT, null, List.of());
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

    /** The same settings under another name. */
    public StreamConfig withName(String other) {
        return new StreamConfig(other, publishEnabled, disabled, srt, srtPublish, srtPlay, segmentDuration,
                segmentCount, isStatic, clientsTimeout, retryLimit, dvr, source, sourceTimeout, password, pushes);
    }

    /**
     * The same settings under another name (a stream made from a publish location or template);
     * {@code %s} in push URLs becomes {@code rest}, the part of the name after the prefix.
     */
    public StreamConfig withName(String other, String rest) {
        return new StreamConfig(other, publishEnabled, disabled, srt, srtPublish, srtPlay, segmentDuration,
                segmentCount, isStatic, clientsTimeout, retryLimit, dvr, source, sourceTimeout, password,
                pushes.stream().map(p -> p.forName(rest)).toList());
    }

    /** The same settings with other pushes. */
    public StreamConfig withPushes(List<PushConfig> other) {
        return new StreamConfig(name, publishEnabled, disabled, srt, srtPublish, srtPlay, segmentDuration,
                segmentCount, isStatic, clientsTimeout, retryLimit, dvr, source, sourceTimeout, password, other);
    }

    /** The same settings with another DVR state (the API's enable and disable). */
    public StreamConfig withDvr(DvrSettings other) {
        return new StreamConfig(name, publishEnabled, disabled, srt, srtPublish, srtPlay, segmentDuration,
                segmentCount, isStatic, clientsTimeout, retryLimit, other, source, sourceTimeout, password, pushes);
    }
}
