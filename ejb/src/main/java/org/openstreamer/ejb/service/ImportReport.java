package org.openstreamer.ejb.service;

import org.openstreamer.ejb.config.text.Problem;

import java.util.List;

/**
 * What an import of a configuration text did, or would do in a dry run: the streams created,
 * replaced (with the settings that differ), left unchanged and deleted (only with
 * {@code replace}), the server-wide settings that change, and the warnings of the reading.
 */
public record ImportReport(boolean dryRun, boolean replace, List<String> created, List<StreamChange> replaced,
                           List<String> unchanged, List<String> deleted, List<String> serverChanged,
                           List<Problem> warnings) {

    /** A stream the import replaces, and the top-level settings (API spelling) whose values change. */
    public record StreamChange(String name, List<String> fields) {
    }

    public ImportReport {
        created = List.copyOf(created);
        replaced = List.copyOf(replaced);
        unchanged = List.copyOf(unchanged);
        deleted = List.copyOf(deleted);
        serverChanged = List.copyOf(serverChanged);
        warnings = List.copyOf(warnings);
    }

    /** Whether the import changes anything stored. */
    public boolean changes() {
        return !created.isEmpty() || !replaced.isEmpty() || !deleted.isEmpty() || !serverChanged.isEmpty();
    }
}
