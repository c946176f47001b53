package org.openstreamer.ejb.config.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstreamer.connector.fuzz.MutationFuzzer;
import org.openstreamer.ejb.error.ConfigException;

import java.util.stream.Stream;

/**
 * The {@link ConfigTextReaderFuzzTest} target under Jazzer, coverage-guided, with the same corpus and
 * rules: {@link ConfigTextReader#read} then {@link ImportCheck#check} (allowed: {@link ConfigException},
 * including {@link TextConfigException}). A normal test run replays the seeds; {@code JAZZER_FUZZ=1}
 * fuzzes (docs/reliability.md).
 */
class ConfigTextReaderJazzerTest {

    private static final MutationFuzzer RULES = ConfigTextReaderFuzzTest.fuzzer();

    static Stream<byte[]> seeds() {
        return RULES.seeds().stream();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "30s")
    void importText(byte[] input) throws Exception {
        RULES.check(input, ConfigTextReaderFuzzTest::importText);
    }
}
