package org.openstreamer.connector.packager.hls;

import org.openstreamer.connector.api.ReadyBody;
import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.demux.ts.TsTrack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The HLS output of one live stream as ready HTTP bodies. When a segment closes, every playlist
 * of the stream (index, mono, video, videoN, with {@code url_prefix} applied) is written once
 * and each segment gets its body, views of the shared packet blocks; requests then only look up
 * and send. Track selections ({@code tracks-1,3/}) are built on their first request and kept:
 * their playlists until the next segment closes, their segments while the stream holds them.
 */
public final class HlsOutput implements SegmentListener {

    static final String PLAYLIST_TYPE = "application/vnd.apple.mpegurl";
    static final String SEGMENT_TYPE = "video/mp2t";
    /** A segment's bytes never change under its URL (the archive serves the same ones later). */
    static final String SEGMENT_CACHE = "public, max-age=86400";
    /** Track selections kept per stream; beyond it they are built per request and not kept. */
    private static final int MAX_KEPT_SELECTIONS = 64;

    /**
     * @param encrypted whether {@code bodies} are encrypted (DRM): the memory files of those belong to this output
     * @param method    how they are encrypted (a body is reused only while the method stays), or null
     */
    private record Ready(SegmentWindow window, String prefix, Map<String, ReadyBody> playlists,
                         Map<String, Segment> segments, Map<String, ReadyBody> bodies, boolean encrypted, String method) {
        static final Ready NONE = new Ready(SegmentWindow.EMPTY, null, Map.of(), Map.of(), Map.of(), false, null);
    }

    private final LiveStream live;
    private final Supplier<String> urlPrefix;
    private final SegmentEncryption drm;
    private volatile Ready ready = Ready.NONE;
    private final Map<String, ReadyBody> selectionPlaylists = new ConcurrentHashMap<>();
    private final Map<String, ReadyBody> selectionSegments = new ConcurrentHashMap<>();

    /** @param urlPrefix the server's {@code url_prefix} now (null for none) */
    public HlsOutput(LiveStream live, Supplier<String> urlPrefix) {
        this(live, urlPrefix, null);
    }

    /**
     * @param drm the engine's protected streams: when this stream is one, each segment is encrypted
     *            once when it closes (the segment itself, the live buffer and the DVR stay clear) and
     *            the playlists carry the keys; nothing is served before its first key arrives
     */
    public HlsOutput(LiveStream live, Supplier<String> urlPrefix, SegmentEncryption drm) {
        this.live = live;
        this.urlPrefix = urlPrefix;
        this.drm = drm;
    }

    public LiveStream hub() {
        return live;
    }

    @Override
    public synchronized void segmentClosed(Segment segment, SegmentWindow window) {
        ready = build(window, urlPrefix.get(), ready);
        selectionPlaylists.clear();
        selectionSegments.keySet().removeIf(key -> !ready.segments.containsKey(key.substring(key.indexOf('/') + 1)));
    }

    @Override
    public synchronized void sourceEnded() {
        ready = build(ready.window, urlPrefix.get(), ready);
        selectionPlaylists.clear();
    }

    @Override
    public synchronized void closed() {
        releaseDropped(ready, Map.of());
        ready = Ready.NONE;
        selectionPlaylists.clear();
        selectionSegments.clear();
    }

    /** A playlist or segment by its path relative to the stream; null when there is none in memory. */
    public ReadyBody get(String resource) {
        Ready r = current();
        if (resource.endsWith(".ts")) {
            ReadyBody body = resource.startsWith(TrackSelection.PREFIX) ? selectionSegment(r, resource) : r.bodies.get(resource);
            if (body != null) {
                live.segmentServed(body.length());
            }
            return body;
        }
        ReadyBody playlist = r.playlists.get(resource);
        if (playlist == null && resource.startsWith(TrackSelection.PREFIX) && !r.segments.isEmpty()) {
            playlist = kept(selectionPlaylists, resource, () -> playlist(r, resource));
        }
        return playlist;
    }

    /** The ready state, rebuilt first if {@code url_prefix} changed since the last segment. */
    private Ready current() {
        Ready r = ready;
        if (!r.segments.isEmpty() && !Objects.equals(r.prefix, urlPrefix.get())) {
            synchronized (this) {
                ready = build(ready.window, urlPrefix.get(), ready);
                selectionPlaylists.clear();
                r = ready;
            }
        }
        return r;
    }

    private Ready build(SegmentWindow window, String prefix, Ready previous) {
        KeyTags keys = drm == null ? null : drm.tags(live.name());
        boolean encrypted = keys != null;
        String method = encrypted ? drm.method(live.name()) : null;
        Map<String, Segment> segments = new HashMap<>();
        Map<String, ReadyBody> bodies = new HashMap<>();
        for (Segment s : window.segments()) {
            ReadyBody body = previous.encrypted == encrypted && Objects.equals(previous.method, method)
                    ? previous.bodies.get(s.path()) : null;
            if (body == null) {
                body = encrypted ? encryptedBody(s) : segmentBody(s);
            }
            if (body != null) {
                segments.put(s.path(), s);
                bodies.put(s.path(), body);
            }
        }
        releaseDropped(previous, bodies);
        Ready r = new Ready(window, prefix, Map.of(), Map.copyOf(segments), Map.copyOf(bodies), encrypted, method);
        if (encrypted && bodies.isEmpty()) {
            return r; // a protected stream without its first key yet: nothing is served
        }
        Map<String, ReadyBody> playlists = new HashMap<>();
        int videos = (int) live.tracks().stream().filter(t -> t.kind() == TsTrack.Kind.VIDEO).count();
        for (String name : new String[] {"index.m3u8", "playlist.m3u8", "mono.m3u8", "video.m3u8"}) {
            putIfPresent(playlists, name, playlist(r, name));
        }
        for (int n = 1; n <= videos; n++) {
            putIfPresent(playlists, "video" + n + ".m3u8", playlist(r, "video" + n + ".m3u8"));
        }
        return new Ready(window, prefix, Map.copyOf(playlists), r.segments, r.bodies, encrypted, method);
    }

    /** Releases the encrypted memory files of {@code previous} that {@code kept} no longer has (readers hold their own). */
    private static void releaseDropped(Ready previous, Map<String, ReadyBody> kept) {
        if (!previous.encrypted) {
            return;
        }
        previous.bodies.forEach((path, body) -> {
            if (body.file() != null && kept.get(path) != body) {
                body.file().release();
            }
        });
    }

    /** The segment encrypted once with its key, in a memory file when there is room; null when the stream has no key yet. */
    private ReadyBody encryptedBody(Segment s) {
        ByteBuffer sealed = sealed(s);
        if (sealed == null) {
            return null;
        }
        long modified = s.startMillis() + s.durationMillis();
        String tag = etag(s) + "-k" + Long.toHexString(drm.keyId(live.name(), s.startMillis())) + "-" + drm.method(live.name());
        SegmentFile file = SegmentFiles.DEFAULT.write(new ByteBuffer[] {sealed.duplicate()}, sealed.remaining());
        return file != null ? new ReadyBody(file, SEGMENT_TYPE, SEGMENT_CACHE, tag, modified)
                : new ReadyBody(new ByteBuffer[] {sealed}, SEGMENT_TYPE, SEGMENT_CACHE, tag, modified);
    }

    private ByteBuffer sealed(Segment s) {
        if (!s.hold()) {
            return null;
        }
        try {
            if (s.file() == null) {
                return drm.encrypt(live.name(), s.startMillis(), s.buffers());
            }
            return drm.encrypt(live.name(), s.startMillis(), s.file());
        } catch (IOException e) {
            return null; // a memory file cannot fail to read unless it is gone: left out
        } finally {
            s.release();
        }
    }

    private ReadyBody playlist(Ready r, String name) {
        KeyTags keys = r.encrypted ? drm.tags(live.name()) : null;
        String text = UrlPrefix.apply(r.encrypted && keys == null ? null : Playback.hlsPlaylist(live, r.window, name, keys),
                r.prefix, live.name(), name);
        if (text == null) {
            return null;
        }
        if (live.isEnded() && text.contains("#EXTINF:")) {
            text += "#EXT-X-ENDLIST\n"; // the source left: players finish instead of polling on
        }
        int half = r.window.targetSeconds() / 2; // a CDN may keep a live playlist half a segment at most
        return ReadyBody.text(text, PLAYLIST_TYPE, half > 0 ? "public, max-age=" + half : "no-cache",
                System.currentTimeMillis());
    }

    /** {@code tracks-1,3/PATH.ts}: that segment with only those tracks, built once. */
    private ReadyBody selectionSegment(Ready r, String resource) {
        int slash = resource.indexOf('/');
        TrackSelection selection = slash < 0 ? null : TrackSelection.parse(resource.substring(0, slash));
        int[] pids = selection == null ? null : selection.pids(live.tracks());
        ReadyBody plain = pids == null ? null : r.bodies.get(resource.substring(slash + 1));
        if (plain == null || selection.coversAll(live.tracks())) {
            return plain;
        }
        Segment segment = r.segments.get(resource.substring(slash + 1));
        return kept(selectionSegments, resource, () -> {
            ByteBuffer bytes = variant(segment, pids);
            if (bytes != null && r.encrypted) {
                bytes = drm.encrypt(live.name(), segment.startMillis(), new ByteBuffer[] {bytes});
            }
            return bytes == null ? null : new ReadyBody(new ByteBuffer[] {bytes}, SEGMENT_TYPE, SEGMENT_CACHE,
                    etag(segment) + "-" + selection, segment.startMillis() + segment.durationMillis());
        });
    }

    private static ReadyBody segmentBody(Segment s) {
        long modified = s.startMillis() + s.durationMillis();
        return s.file() != null ? new ReadyBody(s.file(), SEGMENT_TYPE, SEGMENT_CACHE, etag(s), modified)
                : new ReadyBody(s.buffers(), SEGMENT_TYPE, SEGMENT_CACHE, etag(s), modified);
    }

    /** The variant's bytes, or null when the segment is gone or cannot be reduced. */
    private static ByteBuffer variant(Segment segment, int[] pids) {
        if (!segment.hold()) {
            return null;
        }
        try {
            return VariantSegment.build(segment, pids);
        } catch (IOException e) {
            return null; // a memory file cannot fail to read unless it is gone: a miss
        } finally {
            segment.release();
        }
    }

    /** Built once and kept while there is room, else built for this request only. */
    private static ReadyBody kept(Map<String, ReadyBody> cache, String key, Supplier<ReadyBody> make) {
        ReadyBody body = cache.get(key);
        if (body != null) {
            return body;
        }
        if (cache.size() >= MAX_KEPT_SELECTIONS) {
            return make.get();
        }
        return cache.computeIfAbsent(key, k -> make.get());
    }

    private static String etag(Segment s) {
        return Long.toHexString(s.startMillis()) + "-" + Long.toHexString(s.size());
    }

    private static void putIfPresent(Map<String, ReadyBody> map, String key, ReadyBody value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
