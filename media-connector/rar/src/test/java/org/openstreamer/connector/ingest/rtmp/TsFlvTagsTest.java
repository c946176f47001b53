package org.openstreamer.connector.ingest.rtmp;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.mux.ts.MuxCodec;
import org.openstreamer.connector.mux.ts.MuxTrack;
import org.openstreamer.connector.mux.ts.TsMuxer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Access units muxed to TS by the engine's muxer come back as the FLV tags an RTMP publisher sent. */
class TsFlvTagsTest {

    private static final byte[] SPS = {0x67, 0x64, 0, 0x1F, (byte) 0xAC, (byte) 0xD9, 0x40};
    private static final byte[] PPS = {0x68, (byte) 0xEE, 0x3C, (byte) 0x80};
    private static final byte[] AVC_CONFIG = avcConfig();
    private static final byte[] ASC = {0x12, 0x10}; // AAC LC, 44.1 kHz, stereo
    private static final byte[] IDR = {0, 0, 0, 4, 0x65, (byte) 0x88, (byte) 0x84, 0x10};
    private static final byte[] P = {0, 0, 0, 3, 0x41, (byte) 0x9A, 0x02};

    private record Tag(int type, long ms, byte[] body) {
    }

    private final List<Tag> tags = new ArrayList<>();
    private final TsFlvTags converter = new TsFlvTags((type, ms, buf, off, len) ->
            tags.add(new Tag(type, ms, Arrays.copyOfRange(buf, off, off + len))));
    private final ByteArrayOutputStream ts = new ByteArrayOutputStream();
    private final TsMuxer muxer = new TsMuxer(List.of(new MuxTrack(0x100, MuxCodec.H264, AVC_CONFIG),
            new MuxTrack(0x101, MuxCodec.AAC, ASC)), ts::write);

    private static byte[] avcConfig() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[]{1, 0x64, 0, 0x1F, (byte) 0xFF, (byte) 0xE1, 0, (byte) SPS.length});
        b.writeBytes(SPS);
        b.writeBytes(new byte[]{1, 0, (byte) PPS.length});
        b.writeBytes(PPS);
        return b.toByteArray();
    }

    private void convert() throws IOException {
        byte[] all = ts.toByteArray();
        // in uneven cuts of whole packets, as a live reader hands them over
        for (int off = 0; off < all.length; ) {
            int n = Math.min(all.length - off, 188 * (1 + off % 5));
            converter.packets(all, off, n);
            off += n;
        }
    }

    @Test
    void videoAndAudioComeBackWithTheirTimesAndHeaders() throws IOException {
        long t0 = 900_000; // 10 s in
        muxer.accessUnit(1, t0 - 900, t0 - 900, true, new byte[]{1, 2, 3}, 0, 3); // before the keyframe: dropped
        muxer.accessUnit(0, t0 + 7200, t0, true, IDR, 0, IDR.length);
        muxer.accessUnit(1, t0 + 900, t0 + 900, true, new byte[]{4, 5, 6, 7}, 0, 4);
        muxer.accessUnit(0, t0 + 3600, t0 + 3600, false, P, 0, P.length);
        muxer.accessUnit(0, t0 + 14400, t0 + 7200, false, P, 0, P.length);
        convert();

        assertEquals(6, tags.size(), tags.toString());
        List<Tag> video = tags.stream().filter(t -> t.type() == RtmpMessage.VIDEO).toList();
        List<Tag> audio = tags.stream().filter(t -> t.type() == RtmpMessage.AUDIO).toList();
        assertEquals(4, video.size());
        assertArrayEquals(concat(new byte[]{0x17, 0, 0, 0, 0}, AVC_CONFIG), video.get(0).body());
        assertEquals(0, video.get(1).ms());
        assertArrayEquals(concat(new byte[]{0x17, 1, 0, 0, 80}, IDR), video.get(1).body(),
                "length-prefixed, composition time 80 ms, no AUD or parameter sets");
        assertEquals(40, video.get(2).ms());
        assertArrayEquals(concat(new byte[]{0x27, 1, 0, 0, 0}, P), video.get(2).body());
        assertEquals(80, video.get(3).ms());
        assertArrayEquals(concat(new byte[]{0x27, 1, 0, 0, 80}, P), video.get(3).body());
        assertEquals(2, audio.size(), "the frame before the keyframe is dropped");
        assertArrayEquals(new byte[]{(byte) 0xAF, 0, 0x12, 0x10}, audio.get(0).body());
        assertEquals(10, audio.get(1).ms());
        assertArrayEquals(new byte[]{(byte) 0xAF, 1, 4, 5, 6, 7}, audio.get(1).body());
    }

    @Test
    void garbageAndForeignPacketsAreSkipped() throws IOException {
        byte[] junk = new byte[188 * 3];
        Arrays.fill(junk, (byte) 0x47);
        converter.packets(junk, 0, junk.length);
        byte[] noise = new byte[188];
        noise[0] = 0x12;
        converter.packets(noise, 0, noise.length);
        assertTrue(tags.isEmpty());
        muxer.accessUnit(0, 0, 0, true, IDR, 0, IDR.length);
        muxer.accessUnit(0, 3600, 3600, false, P, 0, P.length);
        convert();
        assertEquals(3, tags.size(), "header, keyframe and the next frame after the noise");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
