package org.openstreamer.connector.mux.ts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openstreamer.connector.demux.aac.AdtsHeader;
import org.openstreamer.connector.demux.ts.TsFixtures;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Length-prefixed video and raw AAC, as RTMP delivers them, come out as Annex B and ADTS. */
class TsMuxerConversionTest {

    /** The fixture's units on {@code pid}, with the first keyframe's parameter sets as sequence header. */
    record Converted(MuxTrack track, List<AccessUnits.Unit> annexB, List<AccessUnits.Unit> prefixed) {
    }

    static Converted video(String fixture, MuxCodec codec, int size) {
        List<AccessUnits.Unit> units = AccessUnits.of(TsFixtures.bytes(fixture)).of(0x100);
        byte[] config = SequenceHeaders.config(codec, units.stream().filter(AccessUnits.Unit::keyframe)
                .findFirst().orElseThrow().data(), size);
        List<AccessUnits.Unit> prefixed = units.stream().map(u -> new AccessUnits.Unit(u.pid(), u.pts(), u.dts(),
                u.keyframe(), SequenceHeaders.lengthPrefixed(codec, u.data(), size))).toList();
        return new Converted(new MuxTrack(0x100, codec, config), units, prefixed);
    }

    static Converted rawAac() {
        List<AccessUnits.Unit> units = AccessUnits.of(TsFixtures.bytes("h264_aac")).of(0x101);
        byte[] asc = SequenceHeaders.audioSpecificConfig(units.get(0).data());
        List<AccessUnits.Unit> raw = units.stream().map(u -> new AccessUnits.Unit(u.pid(), u.pts(), u.dts(),
                u.keyframe(), Arrays.copyOfRange(u.data(), AdtsHeader.LENGTH, u.data().length))).toList();
        return new Converted(new MuxTrack(0x101, MuxCodec.AAC, asc), units, raw);
    }

    @ParameterizedTest(name = "{0} {1}, {2}-byte lengths")
    @CsvSource({"h264_aac, H264, 4", "h264_aac, H264, 2", "h265_mp3, H265, 4", "h265_mp3, H265, 2"})
    void lengthPrefixedBecomesAnnexBWithParameterSetsBeforeKeyframes(String fixture, MuxCodec codec, int size) {
        Converted c = video(fixture, codec, size);
        List<AccessUnits.Unit> input = c.prefixed();
        AccessUnits back = AccessUnits.of(AccessUnits.mux(List.of(c.track()), input));
        List<AccessUnits.Unit> out = back.of(0x100);
        assertEquals(input.size(), out.size());
        int aud = codec == MuxCodec.H265 ? 35 : 9;
        int vps = codec == MuxCodec.H265 ? 32 : -1;
        int sps = codec == MuxCodec.H265 ? 33 : 7;
        int pps = codec == MuxCodec.H265 ? 34 : 8;
        int keyframes = 0;
        for (int i = 0; i < out.size(); i++) {
            AccessUnits.Unit g = out.get(i);
            assertEquals(input.get(i).keyframe(), g.keyframe());
            assertEquals(input.get(i).pts(), g.pts());
            assertEquals(input.get(i).dts(), g.dts());
            List<byte[]> nals = SequenceHeaders.nalUnits(g.data());
            List<Integer> types = nals.stream().map(n -> SequenceHeaders.type(codec, n)).toList();
            assertEquals(aud, types.get(0), "an access unit delimiter first in unit " + i);
            if (g.keyframe()) {
                keyframes++;
                List<Integer> want = vps >= 0 ? List.of(aud, vps, sps, pps) : List.of(aud, sps, pps);
                assertEquals(want, types.subList(0, want.size()), "parameter sets before keyframe " + i);
            } else {
                assertFalse(types.contains(sps), "no SPS in unit " + i);
            }
            List<byte[]> body = new ArrayList<>();
            nals.stream().filter(n -> !SequenceHeaders.headerNal(codec, SequenceHeaders.type(codec, n))).forEach(body::add);
            assertArrayEquals(input.get(i).data(), prefixed(body, size), "NAL units of unit " + i);
        }
        assertEquals(5, keyframes);
        assertEquals(0, back.stats.pesErrors() + back.stats.ccErrors());
    }

    @Test
    void aNewSequenceHeaderTakesEffectFromTheNextUnit() {
        Converted four = video("h264_aac", MuxCodec.H264, 4);
        Converted two = video("h264_aac", MuxCodec.H264, 2);
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        TsMuxer reference = new TsMuxer(List.of(four.track()), want::write);
        TsMuxer muxer = new TsMuxer(List.of(four.track()), got::write);
        for (int i = 0; i < four.prefixed().size(); i++) {
            if (i == 100) {
                byte[] cut = Arrays.copyOf(two.track().config(), 9);
                assertThrows(IllegalArgumentException.class, () -> muxer.sequenceHeader(0, cut));
                muxer.sequenceHeader(0, two.track().config());
            }
            AccessUnits.Unit u = (i < 100 ? four : two).prefixed().get(i);
            AccessUnits.Unit r = four.prefixed().get(i);
            reference.accessUnit(0, r.pts(), r.dts(), r.keyframe(), r.data(), 0, r.data().length);
            muxer.accessUnit(0, u.pts(), u.dts(), u.keyframe(), u.data(), 0, u.data().length);
        }
        assertArrayEquals(want.toByteArray(), got.toByteArray());
        assertThrows(IllegalArgumentException.class,
                () -> new TsMuxer(List.of(MuxTrack.of(0x100, MuxCodec.H264)), got::write).sequenceHeader(0, four.track().config()));
    }

    @Test
    void rawAacGetsAdtsFromTheAudioSpecificConfig() {
        Converted c = rawAac();
        AccessUnits back = AccessUnits.of(AccessUnits.mux(List.of(c.track()), c.prefixed()));
        List<AccessUnits.Unit> out = back.of(0x101);
        assertEquals(c.prefixed().size(), out.size());
        assertEquals(48000, back.tracks.get(0).sampleRate());
        assertEquals(2, back.tracks.get(0).channels());
        for (int i = 0; i < out.size(); i++) {
            byte[] raw = c.prefixed().get(i).data();
            byte[] got = out.get(i).data();
            AdtsHeader h = AdtsHeader.parse(got, 0, got.length);
            assertNotNull(h, "an ADTS header on frame " + i);
            assertEquals(List.of(2, 48000, 2, raw.length + 7),
                    List.of(h.audioObjectType(), h.sampleRate(), h.channels(), h.frameLength()));
            assertArrayEquals(raw, Arrays.copyOfRange(got, 7, got.length));
            assertArrayEquals(c.annexB().get(i).data(), got, "ffmpeg's own ADTS header, byte for byte");
        }
    }

    @Test
    void heAacConfigSignalsItsCoreInAdts() {
        // object type 5 (SBR), 24 kHz core (index 6), stereo, 48 kHz extension (index 3), core AAC LC (2)
        byte[] asc = {(byte) 0x2B, (byte) 0x11, (byte) 0x88, 0x00};
        AdtsWriter w = AdtsWriter.of(asc);
        byte[] h = new byte[7];
        w.write(h, 0, 100);
        AdtsHeader parsed = AdtsHeader.parse(h, 0, 7);
        assertEquals(List.of(2, 24000, 2, 107),
                List.of(parsed.audioObjectType(), parsed.sampleRate(), parsed.channels(), parsed.frameLength()));
    }

    private static byte[] prefixed(List<byte[]> nals, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] n : nals) {
            for (int k = size - 1; k >= 0; k--) {
                out.write(n.length >> (8 * k));
            }
            out.writeBytes(n);
        }
        return out.toByteArray();
    }
}
