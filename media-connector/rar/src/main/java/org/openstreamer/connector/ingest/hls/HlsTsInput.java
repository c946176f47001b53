package org.openstreamer.connector.ingest.hls;

import org.openstreamer.connector.ingest.pull.PullUrl;
import org.openstreamer.connector.ingest.pull.PullClients;
import org.openstreamer.connector.ingest.pull.TsInput;
import org.openstreamer.connector.ingest.tshttp.HttpTsInput;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Locale;

/**
 * {@code hls://HOST[:PORT]/PATH.m3u8} ({@code hlss://} over HTTPS): reads the playlist (a master
 * playlist's highest-bandwidth variant), then downloads the MPEG-TS segments added after the first
 * look, in order, and hands their bytes on as they arrive; the playlist is read again every half
 * target duration. As the reference does, segments already listed at the start are not used
 * unless {@code skip_stalled_check=true} (then playing starts at the last one).
 *
 * <p>Failures end the connection with a reason, for {@code source_lost} and a retry: the playlist
 * or a segment unreachable or not 200, a playlist that is not one (or larger than
 * {@link #MAX_PLAYLIST} bytes), a master playlist whose variant is another master, a media
 * sequence that goes back (a playlist replayed in a loop), or no new segment for the input's
 * {@code source_timeout}. Segments come over {@link HttpTsInput}, so the same options
 * ({@code user_agent}, {@code header.NAME}) and timeouts apply to them.
 */
public final class HlsTsInput implements TsInput {

    /** A playlist larger than this is refused: no real one comes near it. */
    static final int MAX_PLAYLIST = 1 << 20;
    /** The whole playlist must come within this time. */
    static final long PLAYLIST_DEADLINE_MS = 10_000;

    private final PullUrl media;
    private final long stallMillis;
    private final ArrayDeque<HlsPlaylist.Segment> pending = new ArrayDeque<>();
    private HttpTsInput segment;
    private long nextSequence;
    private long reloadAt;
    private long lastNewAt;
    private long reloadEvery;
    private boolean ended;

    private HlsTsInput(PullUrl media, HlsPlaylist first, boolean fromLast) throws IOException {
        this.media = media;
        this.stallMillis = Long.parseLong(media.option("source_timeout", "60")) * 1000L;
        long now = System.currentTimeMillis();
        lastNewAt = now;
        reloadEvery = reloadInterval(first);
        reloadAt = now + reloadEvery;
        ended = first.ended();
        if (first.ended()) {
            nextSequence = first.segments().isEmpty() ? 0 : first.segments().get(0).sequence();
        } else {
            nextSequence = first.lastSequence() + (fromLast ? 0 : 1);
        }
        take(first);
    }

    public static HlsTsInput open(PullUrl url) throws IOException {
        PullUrl at = url;
        HlsPlaylist p = fetch(at);
        if (p.isMaster()) {
            at = pullUrl(url, p.variants().get(0).uri());
            p = fetch(at);
            if (p.isMaster()) {
                throw new IOException("the variant " + at.url() + " of the master playlist " + url.url()
                        + " is a master playlist itself");
            }
        }
        return new HlsTsInput(at, p, Boolean.parseBoolean(url.option("skip_stalled_check", "false")));
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        long deadline = System.currentTimeMillis() + PullClients.POLL_MILLIS;
        while (true) {
            if (segment != null) {
                int n = segment.read(buf, off, len);
                if (n != -1) {
                    return n;
                }
                segment.close();
                segment = null;
            }
            HlsPlaylist.Segment next = pending.poll();
            if (next != null) {
                segment = HttpTsInput.open(pullUrl(media, next.uri()));
                continue;
            }
            if (ended) {
                return -1;
            }
            long now = System.currentTimeMillis();
            if (now >= reloadAt) {
                reloadAt = now + reloadEvery;
                take(fetch(media));
                if (!pending.isEmpty()) {
                    continue;
                }
                if (now - lastNewAt > stallMillis) {
                    throw new IOException("the HLS playlist " + media.url() + " has had no new segment for "
                            + stallMillis / 1000 + " s");
                }
            }
            long wait = Math.min(reloadAt, deadline) - System.currentTimeMillis();
            if (wait <= 0) {
                return 0;
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("stopped");
            }
        }
    }

    /** Queues the playlist's segments from {@link #nextSequence} on. */
    private void take(HlsPlaylist p) throws IOException {
        if (!p.segments().isEmpty() && p.lastSequence() < nextSequence - 1) {
            throw new IOException("the HLS playlist " + media.url() + " went back from segment " + (nextSequence - 1)
                    + " to " + p.lastSequence() + " (a playlist played in a loop, or a restarted origin)");
        }
        for (HlsPlaylist.Segment s : p.segments()) {
            if (s.sequence() >= nextSequence) {
                pending.add(s);
                nextSequence = s.sequence() + 1;
                lastNewAt = System.currentTimeMillis();
            }
        }
        ended = p.ended();
        reloadEvery = reloadInterval(p);
    }

    /** Half a target duration, between 0.5 and 5 s. */
    private static long reloadInterval(HlsPlaylist p) {
        return Math.max(500, Math.min(5000, p.targetDuration() * 500L));
    }

    /** Reads a whole playlist: at most {@link #MAX_PLAYLIST} bytes within {@link #PLAYLIST_DEADLINE_MS}. */
    static HlsPlaylist fetch(PullUrl url) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        long deadline = System.currentTimeMillis() + PLAYLIST_DEADLINE_MS;
        try (HttpTsInput in = HttpTsInput.open(url)) {
            byte[] buf = new byte[16 * 1024];
            int n;
            while ((n = in.read(buf, 0, buf.length)) != -1) {
                text.write(buf, 0, n);
                if (text.size() > MAX_PLAYLIST) {
                    throw new IOException("the HLS playlist " + url.url() + " is larger than " + MAX_PLAYLIST / 1024 + " KiB");
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IOException("the HLS playlist " + url.url() + " did not come within "
                            + PLAYLIST_DEADLINE_MS / 1000 + " s");
                }
            }
        }
        try {
            return HlsPlaylist.parse(text.toString(StandardCharsets.UTF_8), httpUri(url));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The http(s) URI a pull URL stands for. */
    static URI httpUri(PullUrl url) {
        String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
        return URI.create((url.scheme().tls() ? "https" : "http") + "://" + host + ":" + url.port() + url.path());
    }

    /** A playlist or segment URI as something {@link HttpTsInput} fetches, with the input's options. */
    static PullUrl pullUrl(PullUrl input, URI uri) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IOException("the HLS playlist " + input.url() + " points to " + uri + ", not an http(s) URL");
        }
        boolean tls = scheme.equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        return input.withPath(tls ? PullUrl.Scheme.HLSS : PullUrl.Scheme.HLS, host, port, path, uri.toString());
    }

    @Override
    public void close() throws IOException {
        if (segment != null) {
            segment.close();
        }
    }
}
