package org.openstreamer.web.view;

import jakarta.annotation.PostConstruct;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * The page of a kind of prefixed option set, publish locations or templates: the table, and the
 * form to create, edit or delete one. Both kinds are saved through the API's JSON reader and their
 * service, so the same validation applies and a refusal is shown next to the field it names.
 *
 * @param <T> the kind's definition ({@code PublishLocationDefinition}, {@code StreamTemplateDefinition})
 */
public abstract class OptionSetsView<T> implements Serializable {

    private OptionSetRows model;
    private OptionSetForm form;
    private boolean existing;
    private final FieldErrors errors = new FieldErrors();

    /** A location or a template, in the words of the page's messages. */
    protected abstract String kind();

    protected abstract boolean template();

    protected abstract List<T> list();

    protected abstract Optional<T> find(String key);

    protected abstract String key(T definition);

    protected abstract JsonObject write(T definition);

    /** Reads {@code json} for {@code key} with the API's strict reader (throws ConfigException). */
    protected abstract T read(JsonObject json, String key);

    /** Stores it, validated by its service; true when created. */
    protected abstract boolean put(T definition);

    protected abstract boolean remove(String key);

    @PostConstruct
    void init() {
        model = new OptionSetRows(this);
    }

    /** The table's rows, from the service's current list. */
    List<OptionSetRow> rows() {
        return list().stream().map(d -> {
            JsonObject json = write(d);
            return OptionSetRow.of(key(d), json.getString("prefix", key(d)), json);
        }).toList();
    }

    public void create() {
        if (!Faces.requireAdmin()) {
            return;
        }
        errors.clear();
        existing = false;
        form = OptionSetForm.of(template(), "", JsonValue.EMPTY_JSON_OBJECT);
    }

    /** Opens the form of {@code key}; a viewer sees it read-only. */
    public void edit(String key) {
        errors.clear();
        Optional<T> found = find(key);
        if (found.isEmpty()) {
            Faces.error("There is no " + kind() + " " + key + " any more.");
            form = null;
            return;
        }
        existing = true;
        form = OptionSetForm.of(template(), key, write(found.get()));
    }

    public void cancel() {
        errors.clear();
        form = null;
    }

    public void save() {
        errors.clear();
        if (!Faces.requireAdmin() || form == null) {
            return;
        }
        String key = form.getKey() == null ? "" : form.getKey().trim();
        try {
            T d = read(form.toJson(), key);
            if (!existing && find(key).isPresent()) {
                errors.put(template() ? "name" : "prefix", "There is already a " + kind() + " " + key + ".");
                return;
            }
            put(d);
        } catch (RuntimeException e) {
            errors.explain(e);
            return;
        }
        Faces.info(kind().substring(0, 1).toUpperCase() + kind().substring(1) + " " + key + (existing ? " saved." : " created."));
        form = null;
    }

    public void delete(String key) {
        if (!Faces.requireAdmin()) {
            return;
        }
        try {
            Faces.info(remove(key) ? key + " deleted." : "There is no " + kind() + " " + key + " any more.");
            if (form != null && key.equals(form.getKey())) {
                form = null;
            }
        } catch (RuntimeException e) {
            errors.explain(e);
        }
    }

    /** The refusal about {@code field} (API spelling), or null. */
    public String error(String field) {
        return errors.get(field);
    }

    /** The refusals about settings that have no field of their own: they concern the other options' JSON. */
    public String getOtherError() {
        return form == null ? null : errors.matching(f -> !form.shows(f));
    }

    /** The refusal about the key: a location's {@code prefix}, a template's {@code name}. */
    public String getKeyError() {
        return error(template() ? "name" : "prefix");
    }

    /** A refusal about the inputs or one of them ({@code inputs[1].url}). */
    public String getInputsError() {
        return errors.matching(f -> f.startsWith("inputs"));
    }

    public OptionSetRows getModel() {
        return model;
    }

    public OptionSetForm getForm() {
        return form;
    }

    public boolean isExisting() {
        return existing;
    }
}
