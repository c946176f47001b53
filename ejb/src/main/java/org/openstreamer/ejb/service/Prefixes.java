package org.openstreamer.ejb.service;

import jakarta.persistence.EntityManager;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.model.PrefixNames;

import java.util.List;
import java.util.Optional;

/**
 * The prefix rules publish locations and templates share, in the database. A prefix belongs to
 * one location or one template: changes that claim it take a transaction-scoped advisory lock on
 * it first, so the check below cannot race another claim. A name is made by the one of each kind
 * with the longest prefix it is under ({@link PrefixNames#isUnder}, here in SQL).
 */
final class Prefixes {

    static final int LOCK_SPACE_PREFIXES = 2;
    static final int LOCK_SPACE_TEMPLATES = 3;

    private Prefixes() {
    }

    /** Serializes changes of {@code prefix} until the transaction ends. */
    static void lock(EntityManager em, String prefix) {
        StreamService.lock(em, LOCK_SPACE_PREFIXES, prefix);
    }

    /**
     * Locks {@code prefix} and refuses it (409 {@code prefix_conflict}) when a location or another
     * template holds it; {@code template} is the template claiming it, or null for a location.
     */
    static void claim(EntityManager em, String prefix, String template) {
        lock(em, prefix);
        String owner = null;
        if (template != null && !em.createNativeQuery("SELECT 1 FROM publish_locations WHERE prefix = ?1")
                .setParameter(1, prefix).getResultList().isEmpty()) {
            owner = "the publish location " + prefix;
        }
        @SuppressWarnings("unchecked")
        List<String> templates = em.createNativeQuery("SELECT name FROM stream_templates WHERE prefix = ?1 AND name <> ?2")
                .setParameter(1, prefix).setParameter(2, template == null ? "" : template).getResultList();
        if (owner == null && !templates.isEmpty()) {
            owner = "the template " + templates.get(0);
        }
        if (owner != null) {
            throw ConfigException.conflict(ConfigException.PREFIX_CONFLICT, "prefix",
                    "Prefix " + prefix + " is already used by " + owner + ".");
        }
    }

    /**
     * The {@code key} column of the row of {@code table} (publish_locations or stream_templates)
     * with the longest prefix {@code name} is under, if any.
     */
    static Optional<String> covering(EntityManager em, String table, String key, String name) {
        @SuppressWarnings("unchecked")
        List<String> keys = em.createNativeQuery("SELECT " + key + " FROM " + table + " WHERE strpos(?1, prefix || '/') = 1"
                        + " AND length(?1) > length(prefix) + 1 ORDER BY length(prefix) DESC LIMIT 1")
                .setParameter(1, name).getResultList();
        return keys.stream().findFirst();
    }
}
