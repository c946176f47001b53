package org.openstreamer.connector.thumbnails;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.demux.ts.FirstPes;
import org.openstreamer.connector.demux.ts.TsFixtures;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The first keyframe of ffmpeg-made transport streams, reassembled from TS and turned into a JPEG. */
class KeyframeJpegTest {

    /** ffmpeg's MPEG-TS muxer puts the first stream (the video) on PID 0x100. */
    private static final int VIDEO_PID = 0x100;

    static byte[] firstKeyframe(String fixture) {
        FirstPes pes = new FirstPes(VIDEO_PID, 8 << 20);
        assertTrue(pes.feed(ByteBuffer.wrap(TsFixtures.bytes(fixture))), "the next PES ends the first one");
        byte[] au = pes.payload();
        assertNotNull(au);
        assertTrue(au[0] == 0 && au[1] == 0 && (au[2] == 1 || au[2] == 0 && au[3] == 1), "an Annex-B start code");
        return au;
    }

    static BufferedImage image(byte[] jpeg) throws IOException {
        assertEquals((byte) 0xFF, jpeg[0]);
        assertEquals((byte) 0xD8, jpeg[1], "JPEG SOI marker");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertNotNull(image, "ImageIO reads it");
        return image;
    }

    @Test
    void h264KeyframeBecomesAJpegOfThePictureSize() throws Exception {
        BufferedImage image = image(KeyframeJpeg.encode(firstKeyframe("h264_aac"), "h264", 0, 0));
        assertEquals(640, image.getWidth());
        assertEquals(360, image.getHeight());
        // testsrc2 is colourful: not a grey or black frame
        int rgb = image.getRGB(320, 180);
        assertTrue(image.getRGB(10, 10) != rgb || image.getRGB(600, 300) != rgb, "a real picture");
    }

    @Test
    void h265KeyframeDecodesToo() throws Exception {
        BufferedImage image = image(KeyframeJpeg.encode(firstKeyframe("h265_mp3"), "h265", 0, 0));
        assertEquals(640, image.getWidth());
        assertEquals(360, image.getHeight());
    }

    @Test
    void scaledToTheSizeAsked() throws Exception {
        BufferedImage image = image(KeyframeJpeg.encode(firstKeyframe("h264_aac"), "h264", 320, 180));
        assertEquals(320, image.getWidth());
        assertEquals(180, image.getHeight());
    }

    @Test
    void garbageOrACutKeyframeIsAnErrorNotACrash() {
        byte[] au = firstKeyframe("h264_aac");
        assertThrows(IOException.class, () -> KeyframeJpeg.encode(new byte[1000], "h264", 0, 0));
        assertThrows(IOException.class, () -> KeyframeJpeg.encode(Arrays.copyOf(au, 40), "h264", 0, 0));
        assertThrows(IOException.class, () -> KeyframeJpeg.encode(au, "mpeg2", 0, 0));
    }

    @Test
    void aPesOverTheLimitGivesNothing() {
        FirstPes pes = new FirstPes(VIDEO_PID, 1000);
        pes.feed(ByteBuffer.wrap(TsFixtures.bytes("h264_aac")));
        pes.finish();
        assertNull(pes.payload());
    }
}
