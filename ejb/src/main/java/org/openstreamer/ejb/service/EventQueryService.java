package org.openstreamer.ejb.service;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openstreamer.ejb.model.EventRecord;

import java.util.Collection;
import java.util.List;

/** Reads the event log, newest first, for the console and the API. */
@Stateless
public class EventQueryService {

    static final int MAX_LIMIT = 1000;

    @PersistenceContext(unitName = "media")
    private EntityManager em;

    public List<EventRecord> recent(String type, int limit) {
        int n = Math.max(1, Math.min(limit, MAX_LIMIT));
        String jpql = "SELECT e FROM EventRecord e" + (type != null ? " WHERE e.type = :type" : "")
                + " ORDER BY e.occurredAt DESC, e.id DESC";
        var q = em.createQuery(jpql, EventRecord.class).setMaxResults(n);
        if (type != null) {
            q.setParameter("type", type);
        }
        return q.getResultList();
    }

    /** The newest {@code limit} events whose type is one of {@code types}, newest first. */
    public List<EventRecord> recentOfTypes(Collection<String> types, int limit) {
        int n = Math.max(1, Math.min(limit, MAX_LIMIT));
        return em.createQuery("SELECT e FROM EventRecord e WHERE e.type IN :types ORDER BY e.occurredAt DESC, e.id DESC",
                EventRecord.class).setParameter("types", types).setMaxResults(n).getResultList();
    }

    /** The newest {@code limit} events of one stream, newest first (the console's stream page). */
    public List<EventRecord> recentOfStream(String stream, int limit) {
        int n = Math.max(1, Math.min(limit, MAX_LIMIT));
        return em.createQuery("SELECT e FROM EventRecord e WHERE e.stream = :stream ORDER BY e.occurredAt DESC, e.id DESC",
                EventRecord.class).setParameter("stream", stream).setMaxResults(n).getResultList();
    }
}
