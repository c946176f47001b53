package org.openstreamer.ejb.config.text;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.List;

/**
 * The answer of {@code POST /config/import}:
 * <pre>
 * {"dry_run": true, "replace": false,
 *  "streams": {"created": ["cam2"], "replaced": [{"name": "cam1", "fields": ["title"]}],
 *              "unchanged": ["cam3"], "deleted": []},
 *  "live": {"created": ["chats"], ...}, "templates": {...}, "notify": {...},
 *  "server": {"changed": ["srt_publish"]},
 *  "warnings": [{"code": "legacy_ignored", "message": "...", "line": 4, "column": 3}]}
 * </pre>
 */
public final class ImportReportJson {

    private ImportReportJson() {
    }

    public static JsonObject write(ImportReport r) {
        JsonArrayBuilder warnings = Json.createArrayBuilder();
        r.warnings().forEach(w -> warnings.add(problem(w)));
        return Json.createObjectBuilder()
                .add("dry_run", r.dryRun())
                .add("replace", r.replace())
                .add("streams", changes(r.streams()))
                .add("live", changes(r.live()))
                .add("templates", changes(r.templates()))
                .add("notify", changes(r.sinks()))
                .add("server", Json.createObjectBuilder().add("changed", strings(r.serverChanged())))
                .add("warnings", warnings)
                .build();
    }

    private static JsonObjectBuilder changes(ImportReport.Changes c) {
        JsonArrayBuilder replaced = Json.createArrayBuilder();
        c.replaced().forEach(r -> replaced.add(Json.createObjectBuilder().add("name", r.name())
                .add("fields", Json.createArrayBuilder(r.fields()))));
        return Json.createObjectBuilder()
                .add("created", strings(c.created()))
                .add("replaced", replaced)
                .add("unchanged", strings(c.unchanged()))
                .add("deleted", strings(c.deleted()));
    }

    /** One problem or warning: code, field when known, message, line and column. */
    public static JsonObject problem(Problem p) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("code", p.code());
        if (p.field() != null) {
            b.add("field", p.field());
        }
        return b.add("message", p.message()).add("line", p.line()).add("column", p.column()).build();
    }

    private static JsonArrayBuilder strings(List<String> values) {
        return Json.createArrayBuilder(values);
    }
}
