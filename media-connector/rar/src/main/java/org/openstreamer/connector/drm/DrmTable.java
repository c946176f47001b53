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

    /** The tags of a stream whose protection is not known yet: no key, so its outputs serve nothing. */
    private static final KeyTags UNKNOWN = (start, depth) -> null;

    private final ConcurrentHashMap<String, Protection> streams = new ConcurrentHashMap<>();
    private volatile java.util.function.Consumer<String> clearRuleChanged = stream -> { };
    private volatile Runnable onLoaded = () -> { };
    /** True unless {@link #awaitHandOver()}: an engine without an EJB layer (tests) has nothing to wait for. */
    private volatile boolean loaded = true;

    /** Told the name of a stream whose outputs in the clear became refused or allowed again. */
    public void onClearRuleChange(java.util.function.Consumer<String> listener) {
        this.clearRuleChanged = listener;
    }

    /**
     * From now until {@link #loaded()}, every stream counts as protected without a key: the
     * resource adapter calls it at start, before any stream exists, because after a restart the
     * EJB layer hands the protections over only once it has read PostgreSQL.
     */
    public void awaitHandOver() {
        loaded = false;
    }

    /** Told when the protections have been handed over (outputs refused meanwhile may start). */
    public void onLoaded(Runnable listener) {
        this.onLoaded = listener;
    }

    @Override
    public void loaded() {
        if (!loaded) {
            loaded = true;
            onLoaded.run();
        }
    }

    @Override
    public boolean isLoaded() {
        return loaded;
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
        if (!loaded) {
            return true;
        }
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
            return loaded ? null : UNKNOWN;
        }
        KeyRing ring = p.ring;
        return (start, depth) -> {
            DrmKey k = ring.at(start);
            return k == null ? null : tag(k, start, depth, p.settings.sampleAes());
        };
    }

    /** {@code #EXT-X-KEY:METHOD=AES-128,URI="key/ID",IV=0x...} (or SAMPLE-AES): the key URL relative to the playlist. */
    static String tag(DrmKey k, long start, int depth, boolean sampleAes) {
        String uri = k.uri() != null ? k.uri() : "../".repeat(depth) + "key/" + k.id();
        return "#EXT-X-KEY:METHOD=" + (sampleAes ? "SAMPLE-AES" : "AES-128") + ",URI=\"" + uri + "\",IV="
                + SegmentIv.attribute(ivStart(k, start, sampleAes)) + "\n";
    }

    /**
     * The instant whose IV a segment uses: its own start for AES-128; for SAMPLE-AES the start of
     * its key, the same for all the segments of one key. Players (ffmpeg's HLS reader among them)
     * decrypt a sample with the IV of the segment they are reading when their parser hands it
     * over, which for the last video frame of a segment is once the next segment is open.
     */
    static long ivStart(DrmKey k, long segmentStart, boolean sampleAes) {
        return sampleAes ? k.startMillis() : segmentStart;
    }

    /** How the stream's segments are encrypted ({@link DrmSettings#AES128} or SAMPLE_AES), or null when not protected. */
    @Override
    public String method(String stream) {
        Protection p = streams.get(stream);
        return p == null ? null : p.settings.method();
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
        Protection p = streams.get(stream);
        DrmKey k = p == null ? null : p.ring.at(startMillis);
        if (k == null) {
            return null;
        }
        if (p.settings.sampleAes()) {
            return SampleAes.encrypt(k.key(), SegmentIv.of(ivStart(k, startMillis, true)), clear);
        }
        return SegmentCipher.encrypt(k.key(), SegmentIv.of(startMillis), clear);
    }

    @Override
    public ByteBuffer encrypt(String stream, long startMillis, HeldFile clear) throws IOException {
        Protection p = streams.get(stream);
        DrmKey k = p == null ? null : p.ring.at(startMillis);
        if (k == null) {
            return null;
        }
        if (p.settings.sampleAes()) {
            return SampleAes.encrypt(k.key(), SegmentIv.of(ivStart(k, startMillis, true)), clear);
        }
        return SegmentCipher.encrypt(k.key(), SegmentIv.of(startMillis), clear);
    }
}
