package org.openstreamer.connector.packager.hls;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.DrmKey;
import org.openstreamer.connector.api.DrmSettings;
import org.openstreamer.connector.api.ReadyBody;
import org.openstreamer.connector.buffer.DelayRecorder;
import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.demux.ts.TsDemuxer;
import org.openstreamer.connector.demux.ts.TsFixtures;
import org.openstreamer.connector.drm.DrmTable;
import org.openstreamer.connector.drm.SegmentIv;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A protected stream's live output: segments encrypted once when they close, playlists with their keys. */
class HlsOutputDrmTest {

    private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final DrmTable drm = new DrmTable();
    private HlsSegmenter segmenter;

    private HlsOutput feed() {
        LiveStream live = new LiveStream("cam");
        segmenter = new HlsSegmenter(live, 2, 3, new DelayRecorder(), SegmentFiles.HEAP);
        HlsOutput output = new HlsOutput(live, () -> null, drm);
        segmenter.addListener(output);
        live.addConsumer(segmenter);
        live.publisherStarted("127.0.0.1:5000", 9000);
        byte[] ts = TsFixtures.bytes("h264_aac");
        new TsDemuxer(live).feed(ts, 0, ts.length / 188 * 188);
        live.flush();
        return output;
    }

    private static byte[] bytes(ReadyBody body) throws Exception {
        if (body.file() != null) {
            ByteBuffer b = ByteBuffer.allocate((int) body.length());
            body.file().channel().read(b, 0);
            return b.array();
        }
        ByteBuffer all = ByteBuffer.allocate((int) body.length());
        for (ByteBuffer b : body.buffers()) {
            all.put(b);
        }
        return all.array();
    }

    @Test
    void segmentsAreEncryptedOnceAndThePlaylistCarriesTheirKeys() throws Exception {
        drm.protect("cam", new DrmSettings(null, 600, false), List.of(new DrmKey(42, 0, KEY, null)));
        HlsOutput output = feed();
        String index = new String(bytes(output.get("index.m3u8")), StandardCharsets.UTF_8);
        Segment first = segmenter.window().listedSegments().get(0);
        assertTrue(index.contains("#EXT-X-KEY:METHOD=AES-128,URI=\"key/42\",IV=" + SegmentIv.attribute(first.startMillis())
                + "\n#EXT-X-PROGRAM-DATE-TIME:"), index);
        ReadyBody body = output.get(first.path());
        assertSame(body, output.get(first.path()), "encrypted once, the same bytes for every viewer");
        byte[] sealed = bytes(body);
        byte[] clear = first.bytes();
        assertTrue(sealed[0] != 0x47 || sealed[188] != 0x47 || sealed[376] != 0x47, "not MPEG-TS in the clear");
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY, "AES"), new IvParameterSpec(SegmentIv.of(first.startMillis())));
        assertArrayEquals(clear, c.doFinal(sealed), "decrypts to the clear segment, which stays clear");
        assertEquals(0x47, clear[0]);
    }

    @Test
    void aProtectedStreamWithoutItsFirstKeyServesNothing() {
        drm.protect("cam", new DrmSettings(null, 600, false), List.of());
        HlsOutput output = feed();
        assertNull(output.get("index.m3u8"));
        assertNull(output.get(segmenter.window().segments().get(0).path()));
    }

    @Test
    void beforeTheProtectionsAreHandedOverEvenAnUnprotectedStreamServesNothing() {
        drm.awaitHandOver(); // just after a start: whether "cam" is protected is not known yet
        HlsOutput output = feed();
        assertNull(output.get("index.m3u8"));
        assertNull(output.get(segmenter.window().segments().get(0).path()));
    }

    @Test
    void anUnprotectedStreamIsUnchanged() throws Exception {
        HlsOutput output = feed();
        assertNotNull(output.get("index.m3u8"));
        Segment first = segmenter.window().listedSegments().get(0);
        assertArrayEquals(first.bytes(), bytes(output.get(first.path())));
    }
}
