package org.openstreamer.ejb.config.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The sections of an examples file: "=== label", an optional "--> expected" line, then the
 * configuration text, up to the next label. Comment lines before the first label are the
 * file's own.
 */
record ExampleSections(String label, String expected, String text) {

    static List<ExampleSections> load(String resource) {
        List<ExampleSections> sections = new ArrayList<>();
        String label = null;
        String expected = null;
        StringBuilder text = new StringBuilder();
        for (String line : read(resource).split("\n", -1)) {
            if (line.startsWith("=== ")) {
                if (label != null) {
                    sections.add(new ExampleSections(label, expected, text.toString().strip() + "\n"));
                }
                label = line.substring(4);
                expected = null;
                text.setLength(0);
            } else if (label != null && expected == null && text.isEmpty() && line.startsWith("--> ")) {
                expected = line.substring(4);
            } else if (label != null) {
                text.append(line).append('\n');
            }
        }
        if (label != null) {
            sections.add(new ExampleSections(label, expected, text.toString().strip() + "\n"));
        }
        return sections;
    }

    private static String read(String resource) {
        try (InputStream in = ExampleSections.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
