package org.openstreamer.connector.demux.ts;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstreamer.connector.fuzz.MutationFuzzer;

import java.util.stream.Stream;

/**
 * The two {@link PsiSectionAssemblerFuzzTest} targets under Jazzer, coverage-guided, with the same
 * seeds and rules (nothing may be thrown): packet payloads into the section assembler, and sections
 * with a valid CRC into the PAT and PMT parsers. A normal test run replays the seeds;
 * {@code JAZZER_FUZZ=1} fuzzes one method at a time (docs/reliability.md).
 */
class PsiSectionAssemblerJazzerTest {

    private static final MutationFuzzer PAYLOAD_RULES = PsiSectionAssemblerFuzzTest.payloadFuzzer();
    private static final MutationFuzzer SECTION_RULES = PsiSectionAssemblerFuzzTest.sectionFuzzer();

    static Stream<byte[]> payloadSeeds() {
        return PAYLOAD_RULES.seeds().stream();
    }

    static Stream<byte[]> sectionSeeds() {
        return SECTION_RULES.seeds().stream();
    }

    @MethodSource("payloadSeeds")
    @FuzzTest(maxDuration = "30s")
    void payloads(byte[] input) throws Exception {
        PAYLOAD_RULES.check(input, PsiSectionAssemblerFuzzTest::payloads);
    }

    @MethodSource("sectionSeeds")
    @FuzzTest(maxDuration = "30s")
    void sections(byte[] input) throws Exception {
        SECTION_RULES.check(input, PsiSectionAssemblerFuzzTest::sections);
    }
}
