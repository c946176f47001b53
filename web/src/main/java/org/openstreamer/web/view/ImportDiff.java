package org.openstreamer.web.view;

import org.openstreamer.ejb.config.text.ImportReport;
import org.openstreamer.ejb.config.text.Problem;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * An import report as the console shows it: one row per block created, replaced (with the
 * settings that differ) or deleted and per server setting changed; blocks left unchanged are only
 * counted, since an import of a whole server leaves thousands of them.
 *
 * @param rows      what changes, in the order streams, live, templates, notify, server
 * @param unchanged how many blocks are left as they are
 * @param dryRun    whether nothing was stored
 */
public record ImportDiff(List<Row> rows, int unchanged, boolean dryRun, List<Note> warnings) implements Serializable {

    /** A problem or warning of the text, at its line and column (the message names them too). */
    public record Note(int line, int column, String code, String message) implements Serializable {

        static List<Note> of(List<Problem> problems) {
            return problems.stream().map(p -> new Note(p.line(), p.column(), p.code(), p.message())).toList();
        }
    }

    /** One change: the kind of block, created/replaced/deleted/changed, its name, the settings that differ. */
    public record Row(String kind, String change, String name, String fields) implements Serializable {
    }

    static ImportDiff of(ImportReport r) {
        List<Row> rows = new ArrayList<>();
        int unchanged = add(rows, "stream", r.streams()) + add(rows, "publish location", r.live())
                + add(rows, "template", r.templates()) + add(rows, "event sink", r.sinks());
        r.serverChanged().forEach(key -> rows.add(new Row("server setting", "changed", key, "")));
        return new ImportDiff(List.copyOf(rows), unchanged, r.dryRun(), Note.of(r.warnings()));
    }

    private static int add(List<Row> rows, String kind, ImportReport.Changes c) {
        c.created().forEach(n -> rows.add(new Row(kind, "created", n, "")));
        c.replaced().forEach(x -> rows.add(new Row(kind, "replaced", x.name(), String.join(", ", x.fields()))));
        c.deleted().forEach(n -> rows.add(new Row(kind, "deleted", n, "")));
        return c.unchanged().size();
    }
}
