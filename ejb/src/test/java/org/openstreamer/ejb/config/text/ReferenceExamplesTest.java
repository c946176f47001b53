package org.openstreamer.ejb.config.text;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every configuration example of the reference documents: those of supported features read
 * without a problem, the others fail with a message naming the directive and its line, and the
 * sources this server does not ingest are refused by the API's own validation.
 */
class ReferenceExamplesTest {

    static List<ExampleSections> supported() {
        return ExampleSections.load("reference-supported.conf");
    }

    static List<ExampleSections> unsupported() {
        return ExampleSections.load("reference-unsupported.conf");
    }

    static List<ExampleSections> refused() {
        return ExampleSections.load("reference-refused.conf");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("supported")
    void supportedExamplesReadWithoutProblems(ExampleSections example) {
        ImportedConfig c = ConfigTextReader.read(example.text());
        assertEquals(List.of(), c.problems(), example.text());
        int blocks = c.streams().size() + c.live().size() + c.templates().size() + c.sinks().size();
        assertTrue(blocks > 0 || !c.server().json().isEmpty(), "the example produced something: " + example.text());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupported")
    void unsupportedExamplesNameTheDirectiveAndLine(ExampleSections example) {
        ImportedConfig c = ConfigTextReader.read(example.text());
        assertFalse(c.problems().isEmpty(), example.text());
        String message = c.problems().get(0).message();
        assertTrue(message.startsWith(example.expected()), message);
        TextConfigException e = assertThrows(TextConfigException.class, c::orThrow);
        assertEquals(c.problems().get(0).line(), e.line());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedSourcesAreRefusedWithTheirPosition(ExampleSections example) {
        ImportedConfig c = ConfigTextReader.read(example.text());
        assertEquals(List.of(), c.problems(), example.text());
        TextConfigException e = assertThrows(TextConfigException.class, () -> ImportCheck.check(c));
        assertTrue(e.getMessage().startsWith(example.expected()), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("supported")
    void supportedExamplesAreWrittenBackToTheSameJson(ExampleSections example) {
        ImportedConfig c = ConfigTextReader.read(example.text());
        ImportedConfig again = ConfigTextReader.read(RoundTrip.text(c));
        assertEquals(List.of(), again.problems());
        RoundTrip.assertSameJson(c, again);
    }
}
