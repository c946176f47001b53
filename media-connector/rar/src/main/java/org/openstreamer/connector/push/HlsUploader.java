package org.openstreamer.connector.push;

import org.openstreamer.connector.api.PushConfig;
import org.openstreamer.connector.api.PushInfo;
import org.openstreamer.connector.packager.hls.HlsPlaylistWriter;
import org.openstreamer.connector.packager.hls.HlsSegmenter;
import org.openstreamer.connector.packager.hls.Segment;
import org.openstreamer.connector.packager.hls.SegmentListener;
import org.openstreamer.connector.packager.hls.SegmentWindow;
import org.openstreamer.connector.ingest.rtmp.TlsSockets;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * {@code hls://HOST/PATH/} ({@code hlss://} for HTTPS): uploads the stream's HLS to a CDN ingest
 * point with {@code PUT}, as the stream's segmenter cuts it: each new segment under its own path,
 * then the live playlist {@code index.m3u8} listing it. Segments follow the stream's
 * {@code segment_duration} and {@code segment_count}. A destination slower than the stream loses the
 * oldest waiting segments (counted), never holds the stream's memory beyond {@link #QUEUE}
 * segments. Uploads run on the HTTP client's threads; the stream's ingest thread only queues.
 */
final class HlsUploader extends PushJobBase implements SegmentListener {

    /** Segments waiting for the destination at most; older ones are dropped. */
    private static final int QUEUE = 3;
    private static final String PLAYLIST = "index.m3u8";

    /** One client for every upload: its own selector thread, made on first use. */
    private static final class Client {
        static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The client of pushes with {@code tls_verify=false}: any certificate, any host name. */
    private static final class UnverifiedClient {
        static final HttpClient HTTP = build();

        private static HttpClient build() {
            try {
                return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                        .followRedirects(HttpClient.Redirect.NORMAL).sslContext(TlsSockets.context(false)).build();
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("TLS is not available: " + e.getMessage(), e);
            }
        }
    }

    private HttpClient client() {
        return config.tlsVerify() ? Client.HTTP : UnverifiedClient.HTTP;
    }

    private enum State { WAITING, RUNNING, RETRYING, ERROR, DISABLED, CLOSED }

    private record Upload(Segment segment, String playlist) {
    }

    private final Function<String, HlsSegmenter> segmenters;
    private final URI base;
    private final ArrayDeque<Upload> pending = new ArrayDeque<>();
    private State state;
    private HlsSegmenter segmenter;
    private boolean uploading;
    /** Why the last upload failed, for the next tick to act on; null if it did not. */
    private String failure;
    private long bytes;
    private long bytesThisRun;
    private long dropped;
    private Instant connectedAt;

    HlsUploader(String stream, PushConfig config, boolean streamDisabled, Function<String, HlsSegmenter> segmenters,
                PushReporter report) {
        super(stream, config, streamDisabled, report);
        this.segmenters = segmenters;
        URI b = null;
        if (config.disabled() || streamDisabled) {
            state = State.DISABLED;
        } else {
            try {
                b = base(config.url().replace("%s", stream));
                state = State.WAITING;
            } catch (IllegalArgumentException e) {
                state = State.ERROR;
                report.refuse(e.getMessage());
            }
        }
        this.base = b;
    }

    /** {@code hls://host/path} as the HTTP folder it stands for ({@code http://host/path/}). */
    static URI base(String url) {
        try {
            URI u = new URI(url);
            String scheme = u.getScheme().toLowerCase(Locale.ROOT).equals("hlss") ? "https" : "http";
            if (u.getHost() == null) {
                throw new IllegalArgumentException("an HLS push needs a host (" + url + ")");
            }
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            return new URI(scheme + "://" + u.getRawAuthority() + (path.endsWith("/") ? path : path + "/"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed push URL " + url + ": " + e.getReason());
        }
    }

    @Override
    public synchronized void tick(long now) {
        if (state == State.RETRYING && report.retryDue(now)) {
            state = State.WAITING;
        }
        if (state == State.WAITING) {
            HlsSegmenter s = segmenters.apply(stream);
            if (s != null && s.hub().isLive()) {
                segmenter = s;
                failure = null;
                watchSourceAfresh();
                bytesThisRun = 0;
                state = State.RUNNING;
                s.addListener(this); // push_started comes with the first upload that works
            }
        } else if (state == State.RUNNING) {
            if (failure != null) {
                fail(failure);
            } else if (segmenters.apply(stream) != segmenter) {
                stop("the stream's source ended");
            } else if (sourceGoneTooLong(segmenter.hub(), now)) {
                stop(sourceStoppedReason());
            }
        }
    }

    /** On the ingest thread: queue the segment and the playlist that lists it; never waits. */
    @Override
    public synchronized void segmentClosed(Segment segment, SegmentWindow window) {
        if (state != State.RUNNING || !segment.hold()) {
            return;
        }
        pending.add(new Upload(segment, HlsPlaylistWriter.media(window)));
        while (pending.size() > QUEUE) {
            pending.poll().segment().release();
            dropped++;
        }
        if (!uploading) {
            next();
        }
    }

    /** Starts the oldest waiting upload: the segment, then the playlist; holds this. */
    private void next() {
        Upload u = pending.poll();
        uploading = u != null;
        if (u == null) {
            return;
        }
        long size = u.segment().size();
        Duration timeout = Duration.ofMillis(Math.max(10_000, 2 * u.segment().durationMillis()));
        HttpRequest segment = HttpRequest.newBuilder(base.resolve(u.segment().path())).timeout(timeout)
                .header("Content-Type", "video/mp2t")
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return new ByteArrayInputStream(u.segment().bytes());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }), size)).build();
        HttpRequest playlist = HttpRequest.newBuilder(base.resolve(PLAYLIST)).timeout(timeout)
                .header("Content-Type", "application/vnd.apple.mpegurl")
                .PUT(HttpRequest.BodyPublishers.ofString(u.playlist())).build();
        HttpClient http = client();
        http.sendAsync(segment, HttpResponse.BodyHandlers.discarding())
                .thenCompose(r -> accepted(r, "segment"))
                .thenCompose(r -> http.sendAsync(playlist, HttpResponse.BodyHandlers.discarding()))
                .thenCompose(r -> accepted(r, "playlist"))
                .whenComplete((r, e) -> uploaded(u, size, e));
    }

    private static CompletableFuture<HttpResponse<Void>> accepted(HttpResponse<Void> r, String what) {
        if (r.statusCode() / 100 == 2) {
            return CompletableFuture.completedFuture(r);
        }
        return CompletableFuture.failedFuture(new IOException("the destination answered " + r.statusCode()
                + " to the " + what + " PUT of " + r.uri()));
    }

    private synchronized void uploaded(Upload u, long size, Throwable e) {
        u.segment().release();
        if (e != null) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            failure = cause instanceof javax.net.ssl.SSLHandshakeException x
                    ? TlsSockets.handshakeFailure(base.getHost() + ":" + (base.getPort() > 0 ? base.getPort() : 443), x, config.tlsVerify())
                    : cause instanceof Exception x ? PushReporter.reason(x) : cause.toString();
            uploading = false;
            return;
        }
        if (bytesThisRun == 0 && state == State.RUNNING) {
            connectedAt = Instant.now();
            report.started();
        }
        bytes += size;
        bytesThisRun += size;
        if (state == State.RUNNING) {
            next();
        } else {
            uploading = false;
        }
    }

    private void fail(String reason) {
        detach();
        state = report.fail(reason) ? State.ERROR : State.RETRYING;
        stopped(reason);
    }

    private void stop(String reason) {
        detach();
        state = State.WAITING;
        stopped(reason);
    }

    /** {@code push_stopped} for a run that had started (uploaded something). */
    private void stopped(String reason) {
        if (bytesThisRun > 0) {
            report.stopped(reason, bytesThisRun);
        }
    }

    /** Stops listening to the segmenter and gives back every waiting segment. */
    private void detach() {
        if (segmenter != null) {
            segmenter.removeListener(this);
            segmenter = null;
        }
        for (Upload u; (u = pending.poll()) != null; ) {
            u.segment().release();
        }
        failure = null;
        connectedAt = null;
    }

    @Override
    public synchronized void closed() {
        if (state == State.RUNNING) {
            stop("the stream's source ended");
        }
    }

    @Override
    public synchronized void close() {
        if (state == State.RUNNING) {
            stop("the push was removed or changed");
        }
        detach();
        state = State.CLOSED;
    }

    @Override
    public synchronized PushInfo info() {
        String status = state == State.CLOSED ? "disabled" : state.name().toLowerCase(Locale.ROOT);
        return new PushInfo(config.url(), status, bytes, report.failures(), report.error(), report.errorAt(), connectedAt);
    }

    /** Segments dropped because the destination was slower than the stream. */
    synchronized long dropped() {
        return dropped;
    }
}
