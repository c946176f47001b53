package org.openstreamer.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HLS viewers following live streams as a player does, for the soak test. Viewer i follows
 * playlist i mod n on its own thread: it polls the media playlist every quarter of its target
 * duration and fetches, in order, every media sequence from the newest listed when it joined. All
 * viewers share one HTTP/1.1 client, so each keeps a connection alive in its pool.
 *
 * <p>Counted: HTTP errors (a status other than 200), IO errors (connect, timeouts, a connection
 * closed mid-body), bad bodies (a segment whose length is not its Content-Length, or that is not
 * MPEG-TS), missed media sequences (they left the playlist before the viewer fetched them) and
 * restarts (the media sequence went back, as after a publisher's new session).
 */
final class LiveHlsViewers {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_ERRORS_KEPT = 10;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<Viewer> viewers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    private final AtomicLong playlists = new AtomicLong();
    private final AtomicLong segments = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong httpErrors = new AtomicLong();
    private final AtomicLong ioErrors = new AtomicLong();
    private final AtomicLong badBodies = new AtomicLong();
    private final AtomicLong missed = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();
    private final List<String> firstErrors = Collections.synchronizedList(new ArrayList<>());

    /** What the viewers saw; {@code perViewer} holds each viewer's segments and how long it followed. */
    record Tally(long playlists, long segments, long bytes, long httpErrors, long ioErrors, long badBodies,
                 long missed, long restarts, List<Followed> perViewer, List<String> firstErrors) {
    }

    /** One viewer: segments fetched in the milliseconds it followed its stream (0 if it never joined). */
    record Followed(String playlist, long segments, long millis) {
    }

    /** Starts {@code count} viewers over the playlists, joining evenly spread over {@code spread}. */
    LiveHlsViewers(List<String> playlistPaths, int count, Duration spread) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Viewer v = new Viewer(playlistPaths.get(i % playlistPaths.size()), start + spread.toNanos() * i / count);
            Thread t = new Thread(v::run, "soak-viewer-" + i);
            t.setDaemon(true);
            viewers.add(v);
            threads.add(t);
            t.start();
        }
    }

    /** Lets every viewer finish the request it is in, waits up to {@code limit}, then interrupts what is left. */
    Tally stop(Duration limit) throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + limit.toNanos();
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        for (Thread t : threads) {
            if (t.isAlive()) {
                error(ioErrors, t.getName() + " still busy " + limit.toSeconds() + " s after the end, interrupted");
                t.interrupt();
                t.join(5_000);
            }
        }
        List<Followed> followed = viewers.stream().map(v -> new Followed(v.playlist, v.fetched, v.followedMillis)).toList();
        return new Tally(playlists.get(), segments.get(), bytes.get(), httpErrors.get(), ioErrors.get(), badBodies.get(),
                missed.get(), restarts.get(), followed, List.copyOf(firstErrors));
    }

    private void error(AtomicLong counter, String what) {
        count(counter, 1, what);
    }

    /** Adds {@code n} to the counter and keeps the first few descriptions. */
    private void count(AtomicLong counter, long n, String what) {
        counter.addAndGet(n);
        synchronized (firstErrors) {
            if (firstErrors.size() < MAX_ERRORS_KEPT) {
                firstErrors.add(what);
            }
        }
    }

    private <T> HttpResponse<T> get(URI uri, HttpResponse.BodyHandler<T> body) throws IOException, InterruptedException {
        return Http.send(client, HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build(), body);
    }

    private final class Viewer {
        final String playlist;
        final URI playlistUri;
        final long joinAt;
        long next = -1;           // the next media sequence to fetch
        long firstListed = -1;    // the media sequence of the last playlist's first segment
        volatile long fetched;
        volatile long followedMillis;

        Viewer(String playlist, long joinAt) {
            this.playlist = playlist;
            this.playlistUri = Http.uri(playlist);
            this.joinAt = joinAt;
        }

        void run() {
            try {
                TimeUnit.NANOSECONDS.sleep(Math.max(0, joinAt - System.nanoTime()));
                long joined = System.nanoTime();
                while (!stopping) {
                    long polled = System.nanoTime();
                    long intervalMs = 1000;
                    try {
                        intervalMs = poll();
                    } catch (IOException | RuntimeException e) {
                        error(ioErrors, playlist + ": " + e);
                    }
                    followedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - joined);
                    long waitMs = intervalMs - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - polled);
                    if (waitMs > 0 && !stopping) {
                        Thread.sleep(waitMs);
                    }
                }
                followedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - joined);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stopped: what was fetched is counted
            }
        }

        /** The playlist, then every media sequence not fetched yet; returns the poll interval in ms. */
        long poll() throws IOException, InterruptedException {
            HttpResponse<String> r = get(playlistUri, HttpResponse.BodyHandlers.ofString());
            playlists.incrementAndGet();
            if (r.statusCode() != 200) {
                error(httpErrors, playlist + ": HTTP " + r.statusCode());
                return 1000;
            }
            MediaPlaylist p = MediaPlaylist.parse(r.body());
            long last = p.firstSequence() + p.uris().size() - 1;
            if (p.uris().isEmpty()) {
                return p.targetSeconds() * 250L;
            }
            if (next < 0) {
                next = last; // joining: the newest listed segment
            } else if (p.firstSequence() < firstListed || next > last + 1) {
                error(restarts, playlist + ": media sequence went back to " + p.firstSequence() + " (expected " + next + ")");
                next = last;
            }
            firstListed = p.firstSequence();
            if (next < p.firstSequence()) {
                count(missed, p.firstSequence() - next, playlist + ": media sequences " + next + ".."
                        + (p.firstSequence() - 1) + " left the playlist before they were fetched");
                next = p.firstSequence();
            }
            for (long seq = next; seq <= last && !stopping; seq++) {
                fetch(playlistUri.resolve(p.uris().get((int) (seq - p.firstSequence()))));
                next = seq + 1;
            }
            return p.targetSeconds() * 250L;
        }

        void fetch(URI segment) throws IOException, InterruptedException {
            HttpResponse<byte[]> s = get(segment, HttpResponse.BodyHandlers.ofByteArray());
            if (s.statusCode() != 200) {
                error(httpErrors, segment.getPath() + ": HTTP " + s.statusCode());
                return;
            }
            byte[] body = s.body();
            OptionalLong length = s.headers().firstValueAsLong("Content-Length");
            if (length.isEmpty() || length.getAsLong() != body.length) {
                error(badBodies, segment.getPath() + ": " + body.length + " bytes, Content-Length " + length);
            } else if (body.length == 0 || body.length % 188 != 0 || body[0] != 0x47) {
                error(badBodies, segment.getPath() + ": " + body.length + " bytes, not MPEG-TS packets");
            } else {
                fetched++;
                segments.incrementAndGet();
                bytes.addAndGet(body.length);
            }
        }
    }

    /** The parts of a live media playlist a viewer needs. */
    record MediaPlaylist(long firstSequence, int targetSeconds, List<String> uris) {
        static MediaPlaylist parse(String text) {
            long first = 0;
            int target = -1;
            for (String line : text.lines().toList()) {
                if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                    first = Long.parseLong(line.substring(22).trim());
                } else if (line.startsWith("#EXT-X-TARGETDURATION:")) {
                    target = Integer.parseInt(line.substring(22).trim());
                }
            }
            if (target <= 0) {
                throw new IllegalStateException("not a media playlist (no #EXT-X-TARGETDURATION): " + text);
            }
            return new MediaPlaylist(first, target, MediaTools.segmentUris(text));
        }
    }
}
