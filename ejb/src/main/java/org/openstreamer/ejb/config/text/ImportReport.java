package org.openstreamer.ejb.config.text;


import java.util.List;

/**
 * What an import of a configuration text did, or would do in a dry run: for streams, publish
 * locations, templates and event sinks the ones created, replaced (with the settings that differ), left
 * unchanged and deleted (only with {@code replace}); the server-wide settings that change; and
 * the warnings of the reading.
 */
public record ImportReport(boolean dryRun, boolean replace, Changes streams, Changes live, Changes templates,
                           Changes sinks, List<String> serverChanged, List<Problem> warnings) {

    /** What happens to the blocks of one kind, by name (a location's name is its prefix). */
    public record Changes(List<String> created, List<Replaced> replaced, List<String> unchanged, List<String> deleted) {

        public Changes {
            created = List.copyOf(created);
            replaced = List.copyOf(replaced);
            unchanged = List.copyOf(unchanged);
            deleted = List.copyOf(deleted);
        }

        boolean any() {
            return !created.isEmpty() || !replaced.isEmpty() || !deleted.isEmpty();
        }
    }

    /** A block the import replaces, and the top-level settings (API spelling) whose values change. */
    public record Replaced(String name, List<String> fields) {
    }

    public ImportReport {
        serverChanged = List.copyOf(serverChanged);
        warnings = List.copyOf(warnings);
    }

    /** Whether the import changes anything stored. */
    public boolean changes() {
        return streams.any() || live.any() || templates.any() || sinks.any() || !serverChanged.isEmpty();
    }
}
