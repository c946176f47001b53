package org.openstreamer.connector.demux.mp4;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstreamer.connector.fuzz.MutationFuzzer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Stream;

/**
 * The two {@link Mp4MovieFuzzTest} targets under Jazzer, coverage-guided, with the same seeds and
 * rules: whole files into {@link Mp4Movie#read} and the remuxer (allowed: {@link IOException}), and a
 * file's media replaced by the input (allowed: {@link Mp4FormatException}). A normal test run
 * replays the seeds; {@code JAZZER_FUZZ=1} fuzzes one method at a time (docs/reliability.md).
 */
class Mp4MovieJazzerTest {

    private static final MutationFuzzer FILE_RULES = Mp4MovieFuzzTest.fileFuzzer();
    private static final Mp4MovieFuzzTest.MutatedMedia MEDIA = loadMedia();
    private static final MutationFuzzer MEDIA_RULES = MEDIA.fuzzer();

    private static Mp4MovieFuzzTest.MutatedMedia loadMedia() {
        try {
            return new Mp4MovieFuzzTest.MutatedMedia();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<byte[]> fileSeeds() {
        return FILE_RULES.seeds().stream();
    }

    static Stream<byte[]> mediaSeeds() {
        return MEDIA_RULES.seeds().stream();
    }

    @MethodSource("fileSeeds")
    @FuzzTest(maxDuration = "30s")
    void files(byte[] input) throws Exception {
        FILE_RULES.check(input, Mp4MovieFuzzTest::readFile);
    }

    @MethodSource("mediaSeeds")
    @FuzzTest(maxDuration = "30s")
    void media(byte[] input) throws Exception {
        MEDIA_RULES.check(input, MEDIA::play);
    }
}
