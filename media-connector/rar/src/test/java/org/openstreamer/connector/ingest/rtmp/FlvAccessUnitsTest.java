package org.openstreamer.connector.ingest.rtmp;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.mux.ts.MuxCodec;
import org.openstreamer.connector.mux.ts.MuxTrack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FLV tag bodies to tracks, sequence headers and access units with 90 kHz timestamps. */
class FlvAccessUnitsTest {

    private static final byte[] AVC_CONFIG = {1, 0x64, 0, 0x1F, (byte) 0xFF, (byte) 0xE1, 0, 2, 0x67, 0x64, 1, 0, 2, 0x68, (byte) 0xEE};
    private static final byte[] ASC = {0x12, 0x10};
    private static final byte[] NALUS = {0, 0, 0, 3, 0x65, 1, 2};

    private final List<String> calls = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<MuxTrack> declared = new ArrayList<>();
    private final FlvAccessUnits flv = new FlvAccessUnits(new AccessUnitTarget() {
        @Override
        public void declareTracks(List<MuxTrack> tracks) {
            declared.addAll(tracks);
            calls.add("declare " + tracks.size());
        }

        @Override
        public void sequenceHeader(int track, byte[] config) {
            calls.add("header " + track + " " + Arrays.toString(config));
        }

        @Override
        public void accessUnit(int track, long pts, long dts, boolean keyframe, byte[] buf, int off, int len) {
            calls.add("au " + track + " pts=" + pts + " dts=" + dts + (keyframe ? " key " : " ")
                    + Arrays.toString(Arrays.copyOfRange(buf, off, off + len)));
        }
    }, warnings::add);

    private static byte[] avc(int frameType, int packetType, int cts, byte[] data) {
        byte[] b = new byte[5 + data.length];
        b[0] = (byte) (frameType << 4 | 7);
        b[1] = (byte) packetType;
        b[2] = (byte) (cts >> 16);
        b[3] = (byte) (cts >> 8);
        b[4] = (byte) cts;
        System.arraycopy(data, 0, b, 5, data.length);
        return b;
    }

    private static byte[] aac(int packetType, byte[] data) {
        byte[] b = new byte[2 + data.length];
        b[0] = (byte) 0xAF;
        b[1] = (byte) packetType;
        System.arraycopy(data, 0, b, 2, data.length);
        return b;
    }

    private void video(long ms, byte[] body) {
        flv.video(ms, body, 0, body.length);
    }

    private void audio(long ms, byte[] body) {
        flv.audio(ms, body, 0, body.length);
    }

    @Test
    void announcedTracksAreDeclaredOnceBothHeadersCame() {
        flv.metadata(Map.of("videocodecid", 7.0, "audiocodecid", 10.0));
        video(0, avc(1, 0, 0, AVC_CONFIG));
        assertEquals(List.of(), calls);
        audio(0, aac(0, ASC));
        assertEquals(List.of("declare 2"), calls);
        assertEquals(MuxCodec.H264, declared.get(0).codec());
        assertEquals(FlvAccessUnits.VIDEO_PID, declared.get(0).pid());
        assertArrayEquals(AVC_CONFIG, declared.get(0).config());
        assertEquals(MuxCodec.AAC, declared.get(1).codec());
        assertArrayEquals(ASC, declared.get(1).config());

        video(40, avc(1, 1, 80, NALUS));
        video(80, avc(2, 1, -40, NALUS));
        audio(23, aac(1, new byte[]{9, 8}));
        assertEquals(List.of("declare 2",
                "au 0 pts=10800 dts=3600 key [0, 0, 0, 3, 101, 1, 2]",
                "au 0 pts=3600 dts=7200 [0, 0, 0, 3, 101, 1, 2]",
                "au 1 pts=2070 dts=2070 key [9, 8]"), calls);
        assertEquals(List.of(), warnings);
    }

    @Test
    void withoutMetadataTheFirstCodedFrameDeclaresWhatCame() {
        video(0, avc(1, 0, 0, AVC_CONFIG));
        video(0, avc(1, 1, 0, NALUS));
        assertEquals(List.of("declare 1", "au 0 pts=0 dts=0 key [0, 0, 0, 3, 101, 1, 2]"), calls);
        audio(0, aac(0, ASC));
        assertTrue(warnings.get(0).contains("audio sequence header came after"), warnings.toString());
    }

    @Test
    void aMissingAnnouncedHeaderIsWaitedForTwoSeconds() {
        flv.metadata(Map.of("videocodecid", 7.0, "audiocodecid", 10.0));
        video(0, avc(1, 0, 0, AVC_CONFIG));
        video(1000, avc(1, 1, 0, NALUS));
        video(1999, avc(2, 1, 0, NALUS));
        assertEquals(List.of(), calls);
        assertEquals(2, flv.droppedEarly());
        video(3000, avc(1, 1, 0, NALUS));
        assertEquals(List.of("declare 1", "au 0 pts=270000 dts=270000 key [0, 0, 0, 3, 101, 1, 2]"), calls);
        assertTrue(warnings.get(0).contains("without the audio sequence header"), warnings.toString());
    }

    @Test
    void aChangedSequenceHeaderIsPassedOnAndARepeatedOneIsNot() {
        flv.metadata(Map.of("videocodecid", 7.0));
        video(0, avc(1, 0, 0, AVC_CONFIG));
        video(10, avc(1, 0, 0, AVC_CONFIG));
        byte[] other = AVC_CONFIG.clone();
        other[1] = 0x4D;
        video(20, avc(1, 0, 0, other));
        assertEquals(2, calls.size());
        assertTrue(calls.get(1).startsWith("header 0 [1, 77"), calls.toString());
    }

    @Test
    void enhancedRtmpCarriesH265() {
        flv.metadata(Map.of("videocodecid", "hvc1"));
        byte[] hvcc = new byte[30];
        video(0, enhanced(1, 0, "hvc1", hvcc));
        assertEquals(MuxCodec.H265, declared.get(0).codec());
        video(40, enhanced(1, 1, "hvc1", new byte[]{0, 0, 80, 5, 6})); // composition time 80, then data
        video(80, enhanced(2, 3, "hvc1", new byte[]{7}));
        video(90, enhanced(2, 2, "hvc1", new byte[0])); // sequence end: nothing
        assertEquals(List.of("declare 1", "au 0 pts=10800 dts=3600 key [5, 6]", "au 0 pts=7200 dts=7200 [7]"), calls);
    }

    private static byte[] enhanced(int frameType, int packetType, String fourCc, byte[] data) {
        byte[] b = new byte[5 + data.length];
        b[0] = (byte) (0x80 | frameType << 4 | packetType);
        for (int i = 0; i < 4; i++) {
            b[1 + i] = (byte) fourCc.charAt(i);
        }
        System.arraycopy(data, 0, b, 5, data.length);
        return b;
    }

    @Test
    void otherCodecsAreIgnoredWithOneWarningEach() {
        video(0, new byte[]{0x14, 1, 2}); // VP6
        video(40, new byte[]{0x14, 1, 2});
        audio(0, new byte[]{0x2F, 1}); // MP3
        video(0, enhanced(1, 0, "av01", new byte[3]));
        assertEquals(3, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("video codec id 4"));
        assertTrue(warnings.get(1).contains("sound format 2"));
        assertTrue(warnings.get(2).contains("'av01'"));
        assertEquals(List.of(), calls);
    }

    @Test
    void emptySequenceHeadersAreSkippedUntilTheRealOne() {
        flv.metadata(Map.of("videocodecid", 7.0, "audiocodecid", 10.0));
        audio(0, aac(0, new byte[0]));
        video(0, avc(1, 0, 0, AVC_CONFIG));
        assertEquals(List.of(), calls, "the empty AAC header is no header");
        audio(0, aac(0, ASC));
        assertEquals(List.of("declare 2"), calls);
    }

    @Test
    void anUnusableSequenceHeaderIsAProtocolError() {
        FlvAccessUnits refusing = new FlvAccessUnits(new AccessUnitTarget() {
            @Override
            public void declareTracks(List<MuxTrack> tracks) {
                throw new IllegalArgumentException("AudioSpecificConfig too short");
            }

            @Override
            public void sequenceHeader(int track, byte[] config) {
            }

            @Override
            public void accessUnit(int track, long pts, long dts, boolean keyframe, byte[] buf, int off, int len) {
            }
        }, warnings::add);
        byte[] header = aac(0, new byte[]{0x12});
        RtmpProtocolException e = assertThrows(RtmpProtocolException.class, () -> {
            refusing.audio(0, header, 0, header.length);
            byte[] frame = aac(1, new byte[]{1});
            refusing.audio(0, frame, 0, frame.length);
        });
        assertEquals("unusable sequence header: AudioSpecificConfig too short", e.getMessage());
    }

    @Test
    void truncatedTagsAreProtocolErrors() {
        assertThrows(RtmpProtocolException.class, () -> video(0, new byte[]{0x17, 1, 0}));
        assertThrows(RtmpProtocolException.class, () -> audio(0, new byte[]{(byte) 0xAF}));
        assertThrows(RtmpProtocolException.class, () -> video(0, new byte[]{(byte) 0x91, 'h', 'v'}));
        assertThrows(RtmpProtocolException.class, () -> video(0, enhanced(1, 1, "hvc1", new byte[]{0})));
    }

    @Test
    void timestampsWrapAt32Bits() {
        FlvAccessUnits.TimestampUnwrapper u = new FlvAccessUnits.TimestampUnwrapper();
        assertEquals(0xFFFFFF00L * 90, u.dts90k(0xFFFFFF00L));
        assertEquals((0x100000000L + 16) * 90, u.dts90k(16));
        assertEquals((0x100000000L + 10) * 90, u.dts90k(10), "a small step back is not a wrap");
    }
}
