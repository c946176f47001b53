package org.openstreamer.ejb.config.text;

import java.util.List;

/**
 * A configuration text read into the JSON shape: the server's global settings, the streams, the
 * publish locations, the templates and the event sinks ({@code notify}), in the order of the text, with the problems found (an
 * import with any is refused) and warnings (legacy directives dropped or converted).
 */
public record ImportedConfig(ImportedBlock server, List<ImportedBlock> streams, List<ImportedBlock> live,
                             List<ImportedBlock> templates, List<ImportedBlock> sinks, List<Problem> problems,
                             List<Problem> warnings) {

    public ImportedConfig {
        streams = List.copyOf(streams);
        live = List.copyOf(live);
        templates = List.copyOf(templates);
        sinks = List.copyOf(sinks);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    /** Throws the problems found, if any; returns this otherwise. */
    public ImportedConfig orThrow() {
        if (!problems.isEmpty()) {
            throw new TextConfigException(problems);
        }
        return this;
    }
}
