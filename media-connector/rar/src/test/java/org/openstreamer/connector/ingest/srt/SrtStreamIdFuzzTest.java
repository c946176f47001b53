package org.openstreamer.connector.ingest.srt;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.fuzz.MutationFuzzer;

import java.nio.charset.StandardCharsets;

/**
 * Arbitrary strings into {@link SrtStreamId#parse}: it never throws (a bad id comes back with an
 * error set), and a valid id has a name.
 */
class SrtStreamIdFuzzTest {

    @Test
    void arbitraryStreamIdsNeverThrow() {
        fuzzer().run(SrtStreamIdFuzzTest::parse);
    }

    /** The corpus, the seeds, the tokens and the rules (shared with {@link SrtStreamIdJazzerTest}). */
    static MutationFuzzer fuzzer() {
        return new MutationFuzzer("srt-streamid")
                .token("#!::").token("r=").token("m=").token("s=").token("u=").token("t=").token(",")
                .token("=").token("publish").token("request").token("/").token("..").token("\u00e9")
                .maxLength(2048);
    }

    /** The target (also of {@link SrtStreamIdJazzerTest}): returns a signature of the parsed id. */
    static Object parse(byte[] input) {
        SrtStreamId id = SrtStreamId.parse(new String(input, StandardCharsets.UTF_8));
        if (id.isValid() && id.name() == null) {
            throw new AssertionError("valid without a name");
        }
        return id.isValid() ? "ok " + id.mode() : id.error();
    }
}
