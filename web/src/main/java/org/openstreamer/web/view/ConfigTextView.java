package org.openstreamer.web.view;

import jakarta.ejb.EJB;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.openstreamer.ejb.config.text.ImportReport;
import org.openstreamer.ejb.config.text.TextConfigException;
import org.openstreamer.ejb.service.ConfigExportService;
import org.openstreamer.ejb.service.ConfigImportService;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The text configuration page: export (download, or into the editor) and import of a text in the
 * reference's format through {@link ConfigImportService}, the service of
 * {@code POST /config/import}. An import is first run as a dry run, which does all the work and
 * rolls it back, and its report (what would be created, replaced with the settings that differ,
 * deleted) is shown; only then can that same text be applied.
 */
@Named
@ViewScoped
public class ConfigTextView implements Serializable {

    static final String FILE_NAME = "openstreamer.conf";

    @EJB
    private ConfigImportService imports;
    @EJB
    private ConfigExportService exports;

    private String text;
    private boolean replace;
    /** The text and replace flag of the last successful dry run: Apply is offered only for those. */
    private String checkedText;
    private boolean checkedReplace;
    private ImportDiff diff;
    private List<ImportDiff.Note> problems = List.of();

    public void check() {
        run(true);
    }

    public void apply() {
        if (!isApplicable()) {
            Faces.error("Check the text first: only a text whose dry run was shown can be applied.");
            return;
        }
        run(false);
    }

    private void run(boolean dryRun) {
        if (!Faces.requireAdmin()) {
            return;
        }
        problems = List.of();
        diff = null;
        checkedText = null;
        if (text == null || text.isBlank()) {
            Faces.error("The text is empty: paste a configuration or load the current one.");
            return;
        }
        try {
            ImportReport report = imports.importText(text, dryRun, replace);
            diff = ImportDiff.of(report);
            if (dryRun) {
                checkedText = text;
                checkedReplace = replace;
                Faces.info(report.changes() ? "Dry run: nothing is stored yet. Review the changes below, then apply."
                        : "Dry run: this text changes nothing.");
            } else {
                Faces.info(report.changes() ? "Configuration imported." : "Nothing to change: the text matches what is stored.");
            }
        } catch (TextConfigException e) {
            problems = ImportDiff.Note.of(e.problems());
            Faces.error("The text is refused (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                    + "); nothing was stored.");
        } catch (RuntimeException e) {
            if (Faces.configError(e) instanceof TextConfigException t) {
                problems = ImportDiff.Note.of(t.problems());
                Faces.error("The text is refused; nothing was stored.");
            } else {
                new FieldErrors().explain(e);
            }
        }
    }

    /** Puts the stored configuration (with secrets for an admin) into the editor. */
    public void loadCurrent() {
        text = exports.export(Faces.isAdmin());
        diff = null;
        problems = List.of();
        checkedText = null;
    }

    /** Sends the stored configuration as a file (secrets only to an admin, as the API's export). */
    public void download() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext out = faces.getExternalContext();
        byte[] body = exports.export(Faces.isAdmin()).getBytes(StandardCharsets.UTF_8);
        out.responseReset();
        out.setResponseContentType("text/plain; charset=UTF-8");
        out.setResponseHeader("Content-Disposition", "attachment; filename=\"" + FILE_NAME + "\"");
        out.setResponseContentLength(body.length);
        out.getResponseOutputStream().write(body);
        faces.responseComplete();
    }

    /** Whether the text is the one last checked, so Apply does what the shown dry run said. */
    public boolean isApplicable() {
        return checkedText != null && checkedText.equals(text) && checkedReplace == replace;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    public boolean isReplace() {
        return replace;
    }

    public void setReplace(boolean replace) {
        this.replace = replace;
    }

    public ImportDiff getDiff() {
        return diff;
    }

    public List<ImportDiff.Note> getProblems() {
        return problems;
    }
}
