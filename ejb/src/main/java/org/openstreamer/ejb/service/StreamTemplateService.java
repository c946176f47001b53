package org.openstreamer.ejb.service;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.json.StreamTemplateJson;
import org.openstreamer.ejb.model.StreamTemplate;
import org.openstreamer.ejb.model.StreamTemplateDefinition;
import org.openstreamer.ejb.validate.StreamValidator;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Templates: read, create or replace, patch, delete. Each change is one transaction: validated,
 * serialized per template name, its prefix claimed ({@link Prefixes}), a
 * {@code stream_reconfigured} event recorded, and after the commit everything pushed to the engine.
 */
@Stateless
public class StreamTemplateService {

    static final String EVENT_KEY = "template";

    @PersistenceContext(unitName = "media")
    private EntityManager em;

    @Inject
    private Event<ConfigChanged> changes;

    public List<StreamTemplateDefinition> list() {
        return em.createQuery("SELECT t FROM StreamTemplate t ORDER BY t.name", StreamTemplate.class)
                .getResultList().stream().map(StreamTemplateService::definition).toList();
    }

    public Optional<StreamTemplateDefinition> find(String name) {
        return Optional.ofNullable(em.find(StreamTemplate.class, name)).map(StreamTemplateService::definition);
    }

    /** The template with the longest prefix that {@code name} is under, if any. */
    public Optional<StreamTemplateDefinition> covering(String name) {
        return Prefixes.covering(em, "stream_templates", "name", name).flatMap(this::find);
    }

    /** Creates or replaces the template {@code t.name()}; true when it was created. */
    public boolean put(StreamTemplateDefinition t) {
        StreamValidator.validate(t);
        StreamService.lock(em, Prefixes.LOCK_SPACE_TEMPLATES, t.name());
        Prefixes.claim(em, t.prefix(), t.name());
        StreamTemplate row = em.find(StreamTemplate.class, t.name());
        boolean created = row == null;
        StreamTemplateDefinition before = created ? null : definition(row);
        if (created) {
            row = new StreamTemplate(t.name());
            row.configure(t.prefix(), StreamTemplateJson.write(t));
            em.persist(row);
        } else {
            row.configure(t.prefix(), StreamTemplateJson.write(t));
        }
        changed(t, before);
        return created;
    }

    public Optional<StreamTemplateDefinition> patch(String name, UnaryOperator<StreamTemplateDefinition> change) {
        StreamService.lock(em, Prefixes.LOCK_SPACE_TEMPLATES, name);
        StreamTemplate row = em.find(StreamTemplate.class, name);
        if (row == null) {
            return Optional.empty();
        }
        StreamTemplateDefinition before = definition(row);
        StreamTemplateDefinition after = change.apply(before);
        if (!name.equals(after.name())) {
            throw ConfigException.invalid(ConfigException.NAME_MISMATCH, "name", "A template cannot be renamed.");
        }
        StreamValidator.validate(after);
        Prefixes.claim(em, after.prefix(), name);
        row.configure(after.prefix(), StreamTemplateJson.write(after));
        changed(after, before);
        return Optional.of(after);
    }

    public boolean delete(String name) {
        StreamService.lock(em, Prefixes.LOCK_SPACE_TEMPLATES, name);
        StreamTemplate row = em.find(StreamTemplate.class, name);
        if (row == null) {
            return false;
        }
        em.remove(row);
        StreamService.record(em, null, Map.of(EVENT_KEY, name), "deleted", null);
        changes.fire(ConfigChanged.STREAMS);
        return true;
    }

    private void changed(StreamTemplateDefinition after, StreamTemplateDefinition before) {
        if (before == null) {
            StreamService.record(em, null, Map.of(EVENT_KEY, after.name()), "created", null);
        } else {
            List<String> fields = after.options().changedFrom(before.options());
            if (!after.prefix().equals(before.prefix())) {
                fields = new java.util.ArrayList<>(fields);
                fields.add(0, "prefix");
            }
            if (!fields.isEmpty()) {
                StreamService.record(em, null, Map.of(EVENT_KEY, after.name()), "updated", List.copyOf(fields));
            }
        }
        changes.fire(ConfigChanged.STREAMS);
    }

    static StreamTemplateDefinition definition(StreamTemplate row) {
        return StreamTemplateJson.readLenient(row.options(), row.getName()).value();
    }
}
