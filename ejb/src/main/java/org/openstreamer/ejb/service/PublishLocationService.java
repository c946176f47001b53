package org.openstreamer.ejb.service;

import jakarta.enterprise.event.Event;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.json.PublishLocationJson;
import org.openstreamer.ejb.model.PublishLocation;
import org.openstreamer.ejb.model.PublishLocationDefinition;
import org.openstreamer.ejb.validate.StreamValidator;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Publish locations ({@code live PREFIX}): read, create or replace, patch, delete. Each change is
 * one transaction: validated, its prefix claimed ({@link Prefixes}), a
 * {@code stream_reconfigured} event recorded, and after the commit everything pushed to the engine.
 */
@Stateless
public class PublishLocationService {

    static final String EVENT_KEY = "publish_location";

    @PersistenceContext(unitName = "media")
    private EntityManager em;

    @Inject
    private Event<ConfigChanged> changes;

    public List<PublishLocationDefinition> list() {
        return em.createQuery("SELECT l FROM PublishLocation l ORDER BY l.prefix", PublishLocation.class)
                .getResultList().stream().map(PublishLocationService::definition).toList();
    }

    public Optional<PublishLocationDefinition> find(String prefix) {
        return Optional.ofNullable(em.find(PublishLocation.class, prefix)).map(PublishLocationService::definition);
    }

    /** The location with the longest prefix that {@code name} is under, if any. */
    public Optional<PublishLocationDefinition> covering(String name) {
        return Prefixes.covering(em, "publish_locations", "prefix", name).flatMap(this::find);
    }

    /** Creates or replaces the location {@code l.prefix()}; true when it was created. */
    public boolean put(PublishLocationDefinition l) {
        StreamValidator.validate(l);
        Prefixes.claim(em, l.prefix(), null);
        PublishLocation row = em.find(PublishLocation.class, l.prefix());
        boolean created = row == null;
        PublishLocationDefinition before = created ? null : definition(row);
        if (created) {
            row = new PublishLocation(l.prefix());
            row.setOptions(PublishLocationJson.write(l));
            em.persist(row);
        } else {
            row.setOptions(PublishLocationJson.write(l));
        }
        changed(l, before);
        return created;
    }

    public Optional<PublishLocationDefinition> patch(String prefix, UnaryOperator<PublishLocationDefinition> change) {
        Prefixes.lock(em, prefix);
        PublishLocation row = em.find(PublishLocation.class, prefix);
        if (row == null) {
            return Optional.empty();
        }
        PublishLocationDefinition before = definition(row);
        PublishLocationDefinition after = change.apply(before);
        if (!prefix.equals(after.prefix())) {
            throw ConfigException.invalid(ConfigException.NAME_MISMATCH, "prefix", "A publish location cannot be renamed.");
        }
        StreamValidator.validate(after);
        row.setOptions(PublishLocationJson.write(after));
        changed(after, before);
        return Optional.of(after);
    }

    public boolean delete(String prefix) {
        Prefixes.lock(em, prefix);
        PublishLocation row = em.find(PublishLocation.class, prefix);
        if (row == null) {
            return false;
        }
        em.remove(row);
        StreamService.record(em, null, Map.of(EVENT_KEY, prefix), "deleted", null);
        changes.fire(ConfigChanged.STREAMS);
        return true;
    }

    private void changed(PublishLocationDefinition after, PublishLocationDefinition before) {
        if (before == null) {
            StreamService.record(em, null, Map.of(EVENT_KEY, after.prefix()), "created", null);
        } else {
            List<String> fields = after.options().changedFrom(before.options());
            if (!fields.isEmpty()) {
                StreamService.record(em, null, Map.of(EVENT_KEY, after.prefix()), "updated", List.copyOf(fields));
            }
        }
        changes.fire(ConfigChanged.STREAMS);
    }

    static PublishLocationDefinition definition(PublishLocation row) {
        return PublishLocationJson.readLenient(row.options(), row.getPrefix()).value();
    }
}
