package org.openstreamer.connector.drm;

import org.openstreamer.connector.api.Drm;
import org.openstreamer.connector.api.DrmKey;
import org.openstreamer.connector.api.DrmSettings;
import org.openstreamer.connector.api.HeldFile;
import org.openstreamer.connector.api.PlaylistSegment;
import org.openstreamer.connector.api.PlaylistType;
import org.openstreamer.connector.packager.hls.HlsPlaylistWriter;
import org.openstreamer.connector.packager.hls.KeyTags;
import org.openstreamer.connector.packager.hls.SegmentEncryption;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The protected streams of the engine and their keys, as the EJB layer last handed them over.
 * The packager asks it once per segment (a map get and a binary search); nothing here runs per
 * viewer except the key server's look-up.
 */
public final class DrmTable implements Drm, SegmentEncryption {

    private record Protection(DrmSettings settings, KeyRing ring) {
    }

    private final ConcurrentHashMap<String, Protection> streams = new ConcurrentHashMap<>();
    private volatile java.util.function.Consumer<String> clearRuleChanged = stream -> { };

    /** Told the name of a stream whose outputs in the clear became refused or allowed again. */
    public void onClearRuleChange(java.util.function.Consumer<String> listener) {
        this.clearRuleChanged = listener;
    }

    @Override
    public void protect(String stream, DrmSettings settings, List<DrmKey> keys) {
        boolean before = refusesClear(stream);
        if (settings == null) {
            streams.remove(stream);
        } else {
            streams.put(stream, new Protection(settings, KeyRing.of(keys)));
        }
        if (before != refusesClear(stream)) {
            clearRuleChanged.accept(stream);
        }
    }

    @Override
    public Set<String> protectedStreams() {
        return Set.copyOf(streams.keySet());
    }

    @Override
    public DrmSettings settings(String stream) {
        Protection p = streams.get(stream);
        return p == null ? null : p.settings;
    }

    /** Whether outputs that cannot carry the encryption must refuse the stream. */
    public boolean refusesClear(String stream) {
        Protection p = streams.get(stream);
        return p != null && !p.settings.allowClear();
    }

    @Override
    public DrmKey key(String stream, long id) {
        Protection p = streams.get(stream);
        return p == null ? null : p.ring.byId(id);
    }

    @Override
    public DrmKey keyAt(String stream, long startMillis) {
        Protection p = streams.get(stream);
        return p == null ? null : p.ring.at(startMillis);
    }

    @Override
    public KeyTags tags(String stream) {
        Protection p = streams.get(stream);
        if (p == null) {
            return null;
        }
        KeyRing ring = p.ring;
        return (start, depth) -> {
            DrmKey k = ring.at(start);
            return k == null ? null : tag(k, start, depth);
        };
    }

    /** {@code #EXT-X-KEY:METHOD=AES-128,URI="key/ID",IV=0x...}: the key URL relative to the playlist. */
    static String tag(DrmKey k, long start, int depth) {
        String uri = k.uri() != null ? k.uri() : "../".repeat(depth) + "key/" + k.id();
        return "#EXT-X-KEY:METHOD=AES-128,URI=\"" + uri + "\",IV=" + SegmentIv.attribute(start) + "\n";
    }

    @Override
    public String hlsPlaylist(String stream, PlaylistType type, List<PlaylistSegment> segments, int targetSeconds) {
        KeyTags tags = tags(stream);
        return HlsPlaylistWriter.media(type, segments, targetSeconds, 0, tags);
    }

    @Override
    public long keyId(String stream, long startMillis) {
        DrmKey k = keyAt(stream, startMillis);
        return k == null ? -1 : k.id();
    }

    @Override
    public ByteBuffer encrypt(String stream, long startMillis, ByteBuffer[] clear) {
        DrmKey k = keyAt(stream, startMillis);
        return k == null ? null : SegmentCipher.encrypt(k.key(), SegmentIv.of(startMillis), clear);
    }

    @Override
    public ByteBuffer encrypt(String stream, long startMillis, HeldFile clear) throws IOException {
        DrmKey k = keyAt(stream, startMillis);
        return k == null ? null : SegmentCipher.encrypt(k.key(), SegmentIv.of(startMillis), clear);
    }
}
