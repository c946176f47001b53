package org.openstreamer.connector.demux.mp4;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.fuzz.MutationFuzzer;
import org.openstreamer.connector.ingest.file.Mp4TsRemuxer;

import java.io.IOException;

/**
 * Mutated MP4 files into {@link Mp4Movie#read} and, when they are taken, through the remuxer for
 * a round and a half, as a {@code file://} input or a backup would play them. Allowed: an
 * {@link IOException} with the reason; nothing else, no hang, at most the fuzzer's allocation limit.
 */
class Mp4MovieFuzzTest {

    @Test
    void mutatedFilesGiveOnlyReasons() {
        fileFuzzer().run(Mp4MovieFuzzTest::readFile);
    }

    /**
     * The tables kept whole and the media mutated: every sample reaches the remuxer, which must
     * refuse a broken NAL unit length or AAC frame with a reason, never write past a buffer.
     */
    @Test
    void mutatedMediaGivesOnlyReasons() throws IOException {
        MutatedMedia media = new MutatedMedia();
        media.fuzzer().run(media::play);
    }

    /** The file corpus, seeds, tokens and rules (shared with {@link Mp4MovieJazzerTest}). */
    static MutationFuzzer fileFuzzer() {
        return new MutationFuzzer("mp4")
                .seed(Mp4Fixtures.bytes("h264_aac_faststart.mp4"))
                .seed(Mp4Fixtures.bytes("h264_aac.mov"))
                .seed(Mp4Fixtures.bytes("h264_fragmented.mp4"))
                .token("moov").token("trak").token("stsz").token("stco").token("co64").token("stsc").token("ctts")
                .token("elst").token("esds").token("avcC").token("hvcC").token("mdat").token("moof")
                .allow(t -> t instanceof IOException)
                .maxLength(64 * 1024);
    }

    /**
     * The file target (also of {@link Mp4MovieJazzerTest}): the movie read and, when it is taken,
     * played through the remuxer for a round and a half; throws {@link IOException} with the reason.
     */
    static String readFile(byte[] input) throws IOException {
        Mp4Data data = Mp4Data.of(input);
        Mp4Movie movie = Mp4Movie.read(data);
        Mp4TsRemuxer remuxer = new Mp4TsRemuxer("fuzz.mp4", movie, data);
        int units = 0;
        for (Mp4Track t : movie.tracks()) {
            units += t.samples();
        }
        long last = -1;
        for (int i = 0; i < units * 3 / 2 && i < 2000; i++) {
            long dts = remuxer.nextDts();
            if (dts < last - Mp4Movie.MAX_LOOP_STEP_BACK) { // tracks interleave, a little apart at the loop point
                throw new AssertionError("time went back across a round: " + last + " then " + dts);
            }
            last = Math.max(last, dts);
            remuxer.muxNext();
        }
        return movie.tracks().size() + " tracks";
    }

    /** The media target (also of {@link Mp4MovieJazzerTest}): one file whose mdat payload is the input. */
    static final class MutatedMedia {

        private final byte[] file = Mp4Fixtures.bytes("h264_aac_faststart.mp4");
        private final int payload = Mp4MovieTest.indexOf(file, "mdat") + 4;
        private final byte[] media = java.util.Arrays.copyOfRange(file, payload, file.length);
        private final Mp4Movie movie;
        private final int units;

        MutatedMedia() throws IOException {
            movie = Mp4Movie.read(Mp4Data.of(file));
            units = movie.tracks().stream().mapToInt(Mp4Track::samples).sum();
        }

        /** The seed (the file's own media) and the rules. */
        MutationFuzzer fuzzer() {
            return new MutationFuzzer("mp4-media")
                    .seed(media)
                    .allow(t -> t instanceof Mp4FormatException)
                    .maxLength(media.length);
        }

        /** Plays every sample once; throws {@link Mp4FormatException} with the reason. */
        String play(byte[] input) throws IOException {
            byte[] mutated = file.clone();
            System.arraycopy(input, 0, mutated, payload, Math.min(input.length, media.length));
            Mp4Data data = Mp4Data.of(mutated);
            Mp4TsRemuxer remuxer = new Mp4TsRemuxer("fuzz.mp4", movie, data);
            for (int i = 0; i < units; i++) {
                remuxer.muxNext();
                if (remuxer.outLength() % 188 != 0) {
                    throw new AssertionError("a partial TS packet");
                }
            }
            return "played";
        }
    }
}
