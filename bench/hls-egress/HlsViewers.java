import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HLS viewers following one live stream, for bench/hls-egress/run.sh. No dependencies: run it with
 * {@code java HlsViewers.java HOST PORT PLAYLIST_PATH VIEWERS FOLLOW_SECONDS [SPREAD_SECONDS]}.
 * PLAYLIST_PATH may be a comma-separated list: viewer i follows the (i mod n)-th (bench/soak/run.sh).
 *
 * <p>Each viewer is a platform thread with one keep-alive HTTP/1.1 connection. It polls the media
 * playlist every quarter of EXT-X-TARGETDURATION (POLL_MS overrides), and fetches in order every
 * segment it has not fetched yet: the newest one listed when it joins, then every one that appears
 * after. A segment body is read to the end and discarded; its length must match Content-Length.
 *
 * <p>Counted: HTTP errors (status other than 200), IO errors (connect, timeouts, short bodies),
 * missed segments (media sequence numbers that left the playlist before the viewer fetched them)
 * and late segments: the download completed more than one target duration after the viewer first
 * saw the segment in a playlist. Viewer i joins at i * SPREAD_SECONDS / VIEWERS (default spread 5 s)
 * and follows for FOLLOW_SECONDS. Connect and read timeouts bound every operation, and the whole run
 * stops after SPREAD_SECONDS + FOLLOW_SECONDS + 30 s whatever happens.
 *
 * <p>The last line of the output is machine-readable: {@code RESULT key=value ...}.
 */
public class HlsViewers {
    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int READ_TIMEOUT_MS = 10_000;

    static String host;
    static int port;
    /** The playlists followed: viewer i follows playlistPaths[i % length]. */
    static String[] playlistPaths;
    static long pollOverrideMs;
    /** With TOKEN_PREFIX set, viewer N asks for the playlist with ?token=PREFIX-N (playback authorization benchmarks). */
    static String tokenPrefix;

    static final AtomicLong segments = new AtomicLong();
    static final AtomicLong bytes = new AtomicLong();
    static final AtomicLong playlists = new AtomicLong();
    static final AtomicLong httpErrors = new AtomicLong();
    static final AtomicLong ioErrors = new AtomicLong();
    static final AtomicLong missed = new AtomicLong();
    static final AtomicLong late = new AtomicLong();
    static final AtomicLong resets = new AtomicLong();
    static final AtomicLong joined = new AtomicLong();
    static final List<String> firstErrors = Collections.synchronizedList(new ArrayList<>());

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: java HlsViewers.java HOST PORT PLAYLIST_PATH VIEWERS FOLLOW_SECONDS [SPREAD_SECONDS]");
            System.exit(2);
        }
        host = args[0];
        port = Integer.parseInt(args[1]);
        playlistPaths = args[2].split(",");
        int viewers = Integer.parseInt(args[3]);
        long followMs = Long.parseLong(args[4]) * 1000;
        long spreadMs = args.length > 5 ? Long.parseLong(args[5]) * 1000 : 5_000;
        pollOverrideMs = Long.parseLong(System.getenv().getOrDefault("POLL_MS", "0"));
        tokenPrefix = System.getenv("TOKEN_PREFIX");

        long start = System.nanoTime();
        CountDownLatch done = new CountDownLatch(viewers);
        List<Viewer> all = new ArrayList<>();
        for (int i = 0; i < viewers; i++) {
            long joinAt = start + TimeUnit.MILLISECONDS.toNanos(spreadMs * i / viewers);
            Viewer v = new Viewer(i, joinAt, joinAt + TimeUnit.MILLISECONDS.toNanos(followMs));
            all.add(v);
            Thread t = new Thread(null, () -> {
                try {
                    v.run();
                } finally {
                    done.countDown();
                }
            }, "viewer-" + i, 256 * 1024);
            t.setDaemon(true);
            t.start();
        }
        boolean finished = done.await(spreadMs + followMs + 30_000, TimeUnit.MILLISECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;

        List<Long> delays = new ArrayList<>();
        for (Viewer v : all) {
            synchronized (v.delaysMs) {
                delays.addAll(v.delaysMs);
            }
        }
        Collections.sort(delays);
        long p50 = percentile(delays, 50), p99 = percentile(delays, 99);
        long max = delays.isEmpty() ? -1 : delays.get(delays.size() - 1);
        long stuck = done.getCount();

        System.out.printf(Locale.ROOT, "viewers %d (joined %d), %.1f s, %d playlists, %d segments, %.1f MB%n",
            viewers, joined.get(), seconds, playlists.get(), segments.get(), bytes.get() / 1e6);
        System.out.printf(Locale.ROOT, "errors: %d HTTP, %d IO; missed %d; late %d; publisher restarts seen %d%n",
            httpErrors.get(), ioErrors.get(), missed.get(), late.get(), resets.get());
        System.out.printf(Locale.ROOT, "first seen in a playlist to download complete: p50 %d ms, p99 %d ms, max %d ms%n",
            p50, p99, max);
        synchronized (firstErrors) {
            for (String e : firstErrors) System.out.println("  error: " + e);
        }
        if (!finished) System.out.println("viewers still running at the deadline: " + stuck);
        System.out.printf(Locale.ROOT,
            "RESULT viewers=%d joined=%d playlists=%d segments=%d bytes=%d http_errors=%d io_errors=%d missed=%d late=%d"
                + " resets=%d p50_ms=%d p99_ms=%d max_ms=%d stuck=%d%n",
            viewers, joined.get(), playlists.get(), segments.get(), bytes.get(), httpErrors.get(), ioErrors.get(),
            missed.get(), late.get(), resets.get(), p50, p99, max, stuck);
        System.out.flush();
        System.exit(0); // daemon threads still blocked in a read go with the JVM
    }

    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) return -1;
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    static void error(AtomicLong counter, String what) {
        counter.incrementAndGet();
        if (firstErrors.size() < 10) firstErrors.add(what);
    }

    /** A parsed media playlist. */
    record Playlist(long mediaSequence, int targetSeconds, List<String> uris) {
        static Playlist parse(String text) {
            long seq = 0;
            int target = -1;
            List<String> uris = new ArrayList<>();
            for (String line : text.split("\r?\n")) {
                line = line.trim();
                if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) seq = Long.parseLong(line.substring(22).trim());
                else if (line.startsWith("#EXT-X-TARGETDURATION:")) target = Integer.parseInt(line.substring(22).trim());
                else if (!line.isEmpty() && !line.startsWith("#")) uris.add(line);
            }
            if (target <= 0) throw new IllegalStateException("no #EXT-X-TARGETDURATION: not a media playlist");
            return new Playlist(seq, target, uris);
        }
    }

    static final class Viewer {
        final int id;
        final long joinAt, endAt;
        final String playlistPath;
        final String baseDir; // the playlist's folder, with a trailing '/'
        final List<Long> delaysMs = new ArrayList<>();
        final byte[] buf = new byte[16 * 1024];
        Socket socket;
        InputStream in;
        OutputStream out;
        long next = -1; // the next media sequence number to fetch
        long lastPlaylistSeq = -1;
        boolean responseStarted;

        Viewer(int id, long joinAt, long endAt) {
            this.playlistPath = playlistPaths[id % playlistPaths.length];
            this.baseDir = playlistPath.substring(0, playlistPath.lastIndexOf('/') + 1);
            this.id = id;
            this.joinAt = joinAt;
            this.endAt = endAt;
        }

        void run() {
            sleepUntil(joinAt);
            joined.incrementAndGet();
            long pollAt = System.nanoTime();
            try {
                while (System.nanoTime() < endAt) {
                    long pollMs = 1000;
                    try {
                        pollMs = poll();
                    } catch (IOException e) {
                        error(ioErrors, "viewer " + id + ": " + e);
                        close();
                    } catch (RuntimeException e) {
                        error(httpErrors, "viewer " + id + ": " + e);
                        close();
                    }
                    pollAt += TimeUnit.MILLISECONDS.toNanos(pollMs);
                    long now = System.nanoTime();
                    if (pollAt < now) pollAt = now; // busy downloading: poll again at once
                    sleepUntil(Math.min(pollAt, endAt));
                }
            } finally {
                close();
            }
        }

        /** One poll: the playlist, then every new segment. Returns the poll interval in ms. */
        long poll() throws IOException {
            Response r = get(tokenPrefix == null ? playlistPath : playlistPath + "?token=" + tokenPrefix + "-" + id, true);
            long seen = System.nanoTime();
            playlists.incrementAndGet();
            if (r.status != 200) {
                error(httpErrors, "viewer " + id + ": playlist HTTP " + r.status);
                return 1000;
            }
            Playlist p = Playlist.parse(new String(r.body, StandardCharsets.UTF_8));
            long last = p.mediaSequence + p.uris.size() - 1;
            if (next < 0) {
                next = last; // join: the newest listed segment
            } else if (p.mediaSequence < lastPlaylistSeq || next > last + 1) {
                resets.incrementAndGet(); // the sequence went back: a new publisher session
                next = last;
            }
            lastPlaylistSeq = p.mediaSequence;
            if (next < p.mediaSequence) {
                missed.addAndGet(p.mediaSequence - next);
                next = p.mediaSequence;
            }
            long targetNs = TimeUnit.SECONDS.toNanos(p.targetSeconds);
            for (long seq = next; seq <= last && System.nanoTime() < endAt; seq++) {
                String uri = p.uris.get((int) (seq - p.mediaSequence));
                String path = uri.startsWith("/") ? uri : baseDir + uri;
                next = seq + 1;
                Response s = get(path, false);
                long took = System.nanoTime() - seen;
                if (s.status != 200) {
                    error(httpErrors, "viewer " + id + ": " + path + " HTTP " + s.status);
                    continue;
                }
                segments.incrementAndGet();
                bytes.addAndGet(s.length);
                if (took > targetNs) late.incrementAndGet();
                synchronized (delaysMs) {
                    delaysMs.add(TimeUnit.NANOSECONDS.toMillis(took));
                }
            }
            return pollOverrideMs > 0 ? pollOverrideMs : p.targetSeconds * 250L;
        }

        record Response(int status, long length, byte[] body) {}

        /** GET on the viewer's connection (opened when needed); keeps the body when asked to. */
        Response get(String path, boolean keepBody) throws IOException {
            for (int attempt = 0; ; attempt++) {
                boolean reused = socket != null;
                if (!reused) open();
                responseStarted = false;
                try {
                    out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                        + "\r\nUser-Agent: HlsViewers\r\nAccept: */*\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    return read(keepBody);
                } catch (IOException e) {
                    close();
                    // A kept-alive connection the server closed while idle: retry once on a new one.
                    if (!reused || attempt > 0 || responseStarted || e instanceof java.net.SocketTimeoutException) throw e;
                }
            }
        }

        void open() throws IOException {
            Socket s = new Socket();
            try {
                s.setSoTimeout(READ_TIMEOUT_MS);
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            } catch (IOException e) {
                s.close();
                throw e;
            }
            socket = s;
            in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
            out = s.getOutputStream();
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            socket = null;
            in = null;
            out = null;
        }

        Response read(boolean keepBody) throws IOException {
            String statusLine = line();
            if (statusLine == null) throw new EOFException("connection closed before the response");
            responseStarted = true;
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) throw new IOException("bad status line: " + statusLine);
            int status = Integer.parseInt(parts[1]);
            long length = -1;
            boolean chunked = false, closeAfter = parts[0].equals("HTTP/1.0");
            for (String h; (h = line()) != null && !h.isEmpty(); ) {
                int colon = h.indexOf(':');
                if (colon < 0) continue;
                String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            ByteArrayOutputStream body = keepBody ? new ByteArrayOutputStream() : null;
            long got;
            if (chunked) {
                if (!keepBody && status == 200) throw new IOException("segment without Content-Length");
                got = 0;
                for (;;) {
                    String size = line();
                    if (size == null) throw new EOFException("short chunked body");
                    int semi = size.indexOf(';');
                    long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                    if (n == 0) {
                        while (true) { // trailers
                            String t = line();
                            if (t == null || t.isEmpty()) break;
                        }
                        break;
                    }
                    got += copy(n, body);
                    line();
                }
            } else if (length >= 0) {
                got = copy(length, body);
            } else {
                throw new IOException("response without Content-Length or chunked encoding");
            }
            if (closeAfter) close();
            return new Response(status, got, body == null ? null : body.toByteArray());
        }

        /** Reads exactly n bytes (or fails), into body when given. */
        long copy(long n, ByteArrayOutputStream body) throws IOException {
            long left = n;
            while (left > 0) {
                int r = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (r < 0) throw new IOException("body shorter than Content-Length: " + (n - left) + " of " + n);
                if (body != null) body.write(buf, 0, r);
                left -= r;
            }
            return n;
        }

        /** A header line without its CRLF, null at end of stream. */
        String line() throws IOException {
            StringBuilder sb = new StringBuilder(64);
            for (;;) {
                int c = in.read();
                if (c < 0) return sb.length() == 0 ? null : sb.toString();
                if (c == '\n') break;
                if (c != '\r') sb.append((char) c);
                if (sb.length() > 16 * 1024) throw new IOException("header line too long");
            }
            return sb.toString();
        }
    }

    static void sleepUntil(long nanoTime) {
        for (long left; (left = nanoTime - System.nanoTime()) > 0; ) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
