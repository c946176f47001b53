package org.openstreamer.web.metrics;

import org.junit.jupiter.api.Test;
import org.openstreamer.web.metrics.PrometheusText.Type;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PrometheusTextTest {

    private final StringBuilder out = new StringBuilder();
    private final PrometheusText text = new PrometheusText(out);

    @Test
    void writesHelpAndTypeBeforeTheSamples() {
        text.family("x_bytes_total", Type.COUNTER, "Bytes, all of them", "stream").sample(12, "a").sample(3, "b");
        text.family("y_seconds", Type.GAUGE, "A time").sample(0.25);
        assertEquals("""
                # HELP x_bytes_total Bytes, all of them
                # TYPE x_bytes_total counter
                x_bytes_total{stream="a"} 12
                x_bytes_total{stream="b"} 3
                # HELP y_seconds A time
                # TYPE y_seconds gauge
                y_seconds 0.25
                """, out.toString());
    }

    @Test
    void escapesLabelValuesAndHelp() {
        text.family("x", Type.GAUGE, "back\\slash \"quoted\"\nsecond line", "peer").sample(1, "a\\b\"c\nd");
        assertEquals("""
                # HELP x back\\\\slash "quoted"\\nsecond line
                # TYPE x gauge
                x{peer="a\\\\b\\"c\\nd"} 1
                """, out.toString());
        ExpositionParser.Exposition parsed = ExpositionParser.parse(out.toString());
        assertEquals(1.0, parsed.value("x", Map.of("peer", "a\\b\"c\nd")));
    }

    @Test
    void writesNumbersAsPrometheusReadsThem() {
        text.family("x", Type.GAUGE, "h", "k").sample(Double.NaN, "nan").sample(Double.POSITIVE_INFINITY, "inf")
                .sample(Double.NEGATIVE_INFINITY, "-inf").sample(1e20, "big").sample(1.5e-7, "small").sample(-4, "neg")
                .sample(Long.MAX_VALUE / 1024, "long");
        ExpositionParser.Exposition parsed = ExpositionParser.parse(out.toString());
        assertEquals(Double.NaN, parsed.value("x", Map.of("k", "nan")));
        assertEquals(Double.POSITIVE_INFINITY, parsed.value("x", Map.of("k", "inf")));
        assertEquals(Double.NEGATIVE_INFINITY, parsed.value("x", Map.of("k", "-inf")));
        assertEquals(1e20, parsed.value("x", Map.of("k", "big")));
        assertEquals(1.5e-7, parsed.value("x", Map.of("k", "small")));
        assertEquals(-4.0, parsed.value("x", Map.of("k", "neg")));
        assertEquals((double) (Long.MAX_VALUE / 1024), parsed.value("x", Map.of("k", "long")));
    }

    @Test
    void refusesAFamilyTwice() {
        text.family("x", Type.GAUGE, "h");
        assertThrows(IllegalStateException.class, () -> text.family("x", Type.GAUGE, "h"));
    }

    @Test
    void refusesASeriesTwice() {
        text.family("x", Type.GAUGE, "h", "stream").sample(1, "a");
        assertThrows(IllegalStateException.class, () -> text.sample(2, "a"));
        assertEquals("# HELP x h\n# TYPE x gauge\nx{stream=\"a\"} 1\n", out.toString());
    }

    @Test
    void refusesBadNamesAndCountersWithoutTotal() {
        assertThrows(IllegalArgumentException.class, () -> text.family("1x", Type.GAUGE, "h"));
        assertThrows(IllegalArgumentException.class, () -> text.family("x-y", Type.GAUGE, "h"));
        assertThrows(IllegalArgumentException.class, () -> text.family("x", Type.GAUGE, "h", "__reserved"));
        assertThrows(IllegalArgumentException.class, () -> text.family("x_bytes", Type.COUNTER, "h"));
    }

    @Test
    void refusesTheWrongNumberOfLabelValues() {
        text.family("x", Type.GAUGE, "h", "stream", "peer");
        assertThrows(IllegalArgumentException.class, () -> text.sample(1, "a"));
    }

    @Test
    void theParserRefusesWhatAScrapeWouldNot() {
        assertThrows(IllegalArgumentException.class, () -> ExpositionParser.parse("x{a=\"b\\q\"} 1\n"));
        assertThrows(IllegalArgumentException.class, () -> ExpositionParser.parse("x 1\ny 2\nx 3\n"));
        assertThrows(IllegalArgumentException.class, () -> ExpositionParser.parse("x 1\n# TYPE x gauge\n"));
        assertThrows(IllegalArgumentException.class, () -> ExpositionParser.parse("x{a=\"b\"} 1\nx{a=\"b\"} 2\n"));
        assertThrows(IllegalArgumentException.class, () -> ExpositionParser.parse("x 1,5\n"));
        assertThrows(IllegalArgumentException.class, () -> ExpositionParser.parse("x{a=b} 1\n"));
        assertThrows(IllegalArgumentException.class, () -> ExpositionParser.parse("x 1"));
    }
}
