package org.openstreamer.connector.demux.mp4;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openstreamer.connector.mux.ts.MuxCodec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The box and sample-table reader on files ffmpeg made: tracks, times, keyframes, and refusals. */
class Mp4MovieTest {

    private static Mp4Movie read(byte[] file) throws IOException {
        return Mp4Movie.read(Mp4Data.of(file));
    }

    private record Sample(int track, long dts, long pts, boolean key, int size, byte[] head) {
    }

    private static List<Sample> samples(Mp4Movie movie, byte[] file) throws IOException {
        Mp4Samples s = new Mp4Samples(movie, Mp4Data.of(file));
        List<Sample> list = new ArrayList<>();
        while (s.next()) {
            list.add(new Sample(s.track(), s.dts(), s.pts(), s.keyframe(), s.size(), Arrays.copyOf(s.data(), 4)));
        }
        return list;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h264_aac.mp4", "h264_aac_faststart.mp4", "h264_aac.mov", "h265_aac.mp4"})
    void readsTheTracksAndTheirTimesWhereverTheMoovIs(String name) throws IOException {
        byte[] file = Mp4Fixtures.bytes(name);
        Mp4Movie movie = read(file);
        assertEquals(2, movie.tracks().size());
        Mp4Track video = movie.tracks().get(0);
        Mp4Track audio = movie.tracks().get(1);
        assertEquals(name.startsWith("h265") ? MuxCodec.H265 : MuxCodec.H264, video.codec());
        assertEquals(MuxCodec.AAC, audio.codec());
        assertEquals(1, video.config()[0], "a decoder configuration record, version 1");
        assertEquals(25, video.samples(), "1 s at 25 fps");
        assertTrue(audio.samples() >= 47 && audio.samples() <= 49, "1 s of 1024-sample AAC frames: " + audio.samples());
        assertEquals(0x11, audio.config()[0] & 0xF8 | 0x01, "AudioSpecificConfig of AAC LC (object type 2)");

        List<Sample> all = samples(movie, file);
        assertEquals(video.samples() + audio.samples(), all.size());
        long last = Long.MIN_VALUE;
        for (Sample s : all) {
            assertTrue(s.dts >= last, "decoding order across tracks");
            last = s.dts;
        }
        List<Sample> frames = all.stream().filter(s -> s.track == 0).toList();
        assertTrue(frames.get(0).key, "the first picture is a keyframe");
        assertEquals(3, frames.stream().filter(Sample::key).count(), "a keyframe every 12 pictures");
        // B-frames: out of order in decoding, yet the shown times are the 25 fps grid from 0 (the edit list)
        TreeSet<Long> shown = new TreeSet<>();
        frames.forEach(f -> shown.add(f.pts));
        assertEquals(25, shown.size());
        long first = shown.first();
        for (int i = 0; i < 25; i++) {
            assertTrue(shown.contains(first + i * 3600L), "picture " + i + " at " + (first + i * 3600L) + ": " + shown);
        }
        assertFalse(frames.stream().allMatch(f -> f.pts == f.dts), "B-frames show after they are decoded");
        long audioStart = all.stream().filter(s -> s.track == 1).mapToLong(Sample::pts).min().orElseThrow();
        assertTrue(Math.abs(audioStart - first) <= 3600, "audio and video start together: " + audioStart + " " + first);
        assertEquals(0, all.stream().mapToLong(s -> Math.min(s.dts, s.pts)).min().orElseThrow(), "the timeline starts at 0");
        long length = movie.length90();
        assertTrue(length >= 89_000 && length <= 93_000, "about 1 s, the longer track: " + length);
        // a length-prefixed NAL unit (AVCC/HVCC), not an Annex B start code
        Sample key = frames.get(0);
        long nal = ((key.head[0] & 0xFFL) << 24) | ((key.head[1] & 0xFF) << 16) | ((key.head[2] & 0xFF) << 8) | (key.head[3] & 0xFF);
        assertTrue(nal > 1 && nal < key.size, "NAL length " + nal);
    }

    @Test
    void aFileWithVideoAloneHasOneTrack() throws IOException {
        Mp4Movie movie = read(Mp4Fixtures.bytes("video_only.mp4"));
        assertEquals(1, movie.tracks().size());
        assertEquals(MuxCodec.H264, movie.tracks().get(0).codec());
    }

    private static String refusal(byte[] file) {
        return assertThrows(IOException.class, () -> read(file)).getMessage();
    }

    @Test
    void refusesWhatItCannotPlayWithTheReason() {
        byte[] ok = Mp4Fixtures.bytes("h264_aac_faststart.mp4");
        assertTrue(refusal(Mp4Fixtures.bytes("h264_mp3.mp4")).contains("audio codec MP3"), "names the codec");
        assertTrue(refusal(Mp4Fixtures.bytes("h264_fragmented.mp4")).contains("fragmented"));
        assertTrue(refusal(Arrays.copyOf(ok, ok.length * 2 / 3)).contains("truncated"), "cut in the media");
        byte[] moovAtEnd = Mp4Fixtures.bytes("h264_aac.mp4");
        assertTrue(refusal(Arrays.copyOf(moovAtEnd, moovAtEnd.length - 100)).contains("truncated"), "cut in the moov");
        assertTrue(refusal(Arrays.copyOf(moovAtEnd, moovAtEnd.length * 2 / 3)).contains("truncated"),
                "the mdat runs past the end: a recording that was never finished");
        assertTrue(refusal(new byte[] {0, 0, 0, 8, 'f', 'r', 'e', 'e'}).contains("no moov"));
        assertTrue(refusal(new byte[0]).contains("no moov"));
    }

    @Test
    void hugeSizesAreErrorsNotAllocations() {
        byte[] ok = Mp4Fixtures.bytes("h264_aac_faststart.mp4");
        int moov = indexOf(ok, "moov") - 4;
        byte[] big = ok.clone();
        put32(big, moov, 0xFFFFFFF0L); // a moov of 4 GiB
        assertTrue(refusal(big).contains("claims"), refusal(big));
        byte[] large = ok.clone(); // a 64-bit size
        put32(large, moov, 1);
        assertTrue(refusal(large).contains("moov"), refusal(large));
        byte[] stsz = ok.clone();
        int at = indexOf(stsz, "stsz");
        put32(stsz, at + 12, 0x7FFFFFFFL); // sample count, per-sample sizes
        assertTrue(refusal(stsz).contains("stsz claims"), refusal(stsz));
        byte[] stts = ok.clone();
        at = indexOf(stts, "stts");
        put32(stts, at + 8, 0xFFFFFFFFL); // entry count
        assertTrue(refusal(stts).contains("stts claims"), refusal(stts));
        byte[] sample = ok.clone();
        at = indexOf(sample, "stsz");
        put32(sample, at + 16, 0x7FFFFFF0L); // the first sample's size
        assertTrue(refusal(sample).contains("over the 16 MiB"), refusal(sample));
    }

    @Test
    void aFileWithoutSamplesIsRefused() throws IOException {
        java.nio.file.Path f = Mp4Fixtures.DIR.resolve("empty.mp4");
        if (!java.nio.file.Files.exists(f)) {
            Mp4Fixtures.run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=64x64:rate=25:duration=1", "-frames:v", "0", "-c:v", "libx264", f.toString()));
        }
        String reason = refusal(java.nio.file.Files.readAllBytes(f));
        assertTrue(reason.contains("no samples") || reason.contains("no video or audio"), reason);
    }

    @Test
    void recognisesMp4ByItsFirstBox() {
        assertTrue(Mp4Movie.looksLikeMp4(Arrays.copyOf(Mp4Fixtures.bytes("h264_aac.mp4"), 8)));
        assertTrue(Mp4Movie.looksLikeMp4(Arrays.copyOf(Mp4Fixtures.bytes("h264_aac.mov"), 8)));
        assertFalse(Mp4Movie.looksLikeMp4(new byte[] {0x47, 0x40, 0, 0x10, 0, 0, 0, 0}));
        assertFalse(Mp4Movie.looksLikeMp4(new byte[3]));
    }

    static int indexOf(byte[] a, String type) {
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 4; i + 4 <= a.length; i++) {
            if (Arrays.equals(a, i, i + 4, t, 0, 4)) {
                return i;
            }
        }
        throw new AssertionError("no " + type);
    }

    static void put32(byte[] a, int at, long v) {
        a[at] = (byte) (v >>> 24);
        a[at + 1] = (byte) (v >>> 16);
        a[at + 2] = (byte) (v >>> 8);
        a[at + 3] = (byte) v;
    }

    @Test
    void bigEndianHelpersAgree() {
        byte[] a = new byte[8];
        put32(a, 0, 0x01020304L);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 0, 0, 0, 0}, a);
        assertEquals(0x01020304L, Bytes.u32(a, 0));
    }
}
