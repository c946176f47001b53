package org.openstreamer.web.view;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import jakarta.json.JsonValue;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.json.StreamJson;
import org.openstreamer.ejb.model.StreamDefinition;
import org.openstreamer.ejb.service.PasswordHasher;
import org.openstreamer.ejb.service.StreamService;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stream form: a new stream, an existing one ({@code ?name=}), or a copy of one under a new
 * name ({@code ?clone=}). Saving goes through the API's JSON reader and the stream service, so the
 * same rules apply; a refusal is shown next to the field it names, or above the form.
 */
@Named
@ViewScoped
public class StreamEditView implements Serializable {

    /** SRT passphrases are 10 to 79 characters; 24 random ones are plenty. */
    static final int PASSPHRASE_LENGTH = 24;

    @EJB
    private StreamService streams;

    private String name;
    private String clone;
    private boolean existing;
    private StreamForm form;
    private final Map<String, String> errors = new HashMap<>();

    /** Reads the stream named in the address (f:viewAction, first load only). */
    public void load() {
        if (form != null) {
            return;
        }
        String source = name != null && !name.isBlank() ? name : clone;
        Optional<StreamDefinition> found = source == null || source.isBlank() ? Optional.empty() : streams.find(source);
        if (source != null && !source.isBlank() && found.isEmpty()) {
            Faces.error("There is no stream named " + source + ".");
        }
        existing = name != null && !name.isBlank() && found.isPresent();
        form = found.map(d -> StreamForm.of(existing ? d.name() : "", StreamJson.write(d)))
                .orElseGet(() -> StreamForm.of("", JsonValue.EMPTY_JSON_OBJECT));
        if (!existing) { // a copy cannot have the original's SRT ports: they are claimed
            form.setSrtPublishPort(null);
            form.setSrtPlayPort(null);
        }
    }

    public String save() {
        errors.clear();
        if (!Faces.requireAdmin()) {
            return null;
        }
        String target = existing ? name : form.getName() == null ? "" : form.getName().trim();
        try {
            StreamDefinition d = StreamJson.read(form.toJson(), target);
            if (!existing && streams.find(target).isPresent()) {
                errors.put("name", "There is already a stream named " + target + ".");
                return null;
            }
            streams.put(d);
        } catch (RuntimeException e) {
            ConfigException c = Faces.configError(e);
            if (c == null) {
                throw e;
            }
            String field = c.field() == null ? "" : c.field();
            errors.put(field, c.getMessage());
            Faces.error(field.isEmpty() ? c.getMessage() : field + ": " + c.getMessage());
            return null;
        }
        Faces.external().getFlash().setKeepMessages(true);
        Faces.info(target + (existing ? " saved." : " created."));
        return "/admin/streams.xhtml?faces-redirect=true";
    }

    public void generatePublishPassphrase() {
        form.setSrtPublishPassphrase(PasswordHasher.generate(PASSPHRASE_LENGTH));
    }

    public void generatePlayPassphrase() {
        form.setSrtPlayPassphrase(PasswordHasher.generate(PASSPHRASE_LENGTH));
    }

    /** The refusal about {@code field} (API spelling), or null. */
    public String error(String field) {
        return errors.get(field);
    }

    public boolean isExisting() {
        return existing;
    }

    public StreamForm getForm() {
        return form;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getClone() {
        return clone;
    }

    public void setClone(String clone) {
        this.clone = clone;
    }
}
