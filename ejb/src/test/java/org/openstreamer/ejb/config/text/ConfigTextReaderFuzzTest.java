package org.openstreamer.ejb.config.text;

import org.junit.jupiter.api.Test;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.connector.fuzz.MutationFuzzer;

import java.nio.charset.StandardCharsets;

/**
 * Arbitrary texts through the import path: {@link ConfigTextReader#read} then {@link ImportCheck#check}.
 * Allowed: {@link TextConfigException} (a syntax error, or every problem found) and, from the JSON
 * readers behind the check, {@link ConfigException}. Problems returned in the result are fine.
 */
class ConfigTextReaderFuzzTest {

    @Test
    void arbitraryTextsGiveProblemsNotCrashes() {
        fuzzer().run(ConfigTextReaderFuzzTest::importText);
    }

    /** The corpus, the tokens and the rules (shared with {@link ConfigTextReaderJazzerTest}). */
    static MutationFuzzer fuzzer() {
        return new MutationFuzzer("config-text")
                .token("{").token("}").token(";").token("\"").token("'").token("\\").token("#").token("\n")
                .token("stream ").token("live ").token("template ").token("notify ").token("rewrite ")
                .token("input ").token("dvr ").token("srt ").token("push ").token("listeners ").token("http ")
                .token("=").token("5d").token("90%").token("500G").token("2m").token("99999999999999999999")
                .token("-1").token("8:00-16:00").token("%s").token("/*")
                .allow(t -> t instanceof ConfigException)
                .maxLength(16 * 1024);
    }

    /** The target (also of {@link ConfigTextReaderJazzerTest}): read, then the import check. */
    static String importText(byte[] input) {
        ImportedConfig c = ConfigTextReader.read(new String(input, StandardCharsets.UTF_8));
        int problems = c.problems().size();
        ImportCheck.check(c);
        return "ok " + Math.min(problems, 3);
    }
}
