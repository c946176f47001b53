package org.openstreamer.ejb.service;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.ejb.data.StreamRows;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.model.EventRecord;
import org.openstreamer.ejb.model.Stream;
import org.openstreamer.ejb.model.StreamDefinition;
import org.openstreamer.ejb.util.ServerIdentity;
import org.openstreamer.ejb.validate.StreamValidator;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The stream registry: reads, creates, replaces, patches and deletes streams. Each change is one
 * transaction: validated first, serialized per stream name (a transaction-scoped advisory lock, so
 * two requests for one name never interleave, even when both create it), its SRT ports claimed in
 * {@code srt_ports}, a {@code stream_reconfigured} event recorded, and, after the commit, the
 * whole set pushed to the media engine ({@code sync.EngineSync}, which observes {@link ConfigChanged}).
 */
@Stateless
public class StreamService {

    public static final String EVENT_TYPE = "stream_reconfigured";
    private static final int LOCK_SPACE_STREAMS = 1;

    @PersistenceContext(unitName = "media")
    private EntityManager em;

    @Resource(lookup = "java:jboss/datasources/MediaDS")
    private DataSource dataSource;

    @EJB
    private SrtPortRegistry ports;

    @Inject
    private Event<ConfigChanged> changes;

    /** Up to {@code limit} streams after {@code after} (null: from the start) whose names start with {@code prefix}. */
    public StreamPage list(String prefix, String after, int limit) {
        return list(prefix, after, limit, false);
    }

    /** A page of streams in name order ({@code descending}: from the last name back), after the name {@code after}. */
    public StreamPage list(String prefix, String after, int limit, boolean descending) {
        List<StreamDefinition> page = read(c -> StreamRows.page(c, likePrefix(prefix == null ? "" : prefix), after, limit + 1,
                descending));
        boolean more = page.size() > limit;
        page = more ? page.subList(0, limit) : page;
        return new StreamPage(page, more ? page.get(page.size() - 1).name() : null);
    }

    /**
     * Rows {@code offset} .. {@code offset + limit} of the streams whose names contain {@code text}
     * (null or empty: all), in name order: the console's numbered, filterable pages.
     */
    public List<StreamDefinition> window(String text, int offset, int limit, boolean descending) {
        return read(c -> StreamRows.window(c, likeContains(text), Math.max(0, offset), Math.max(0, limit), descending));
    }

    /** How many streams have names containing {@code text} (null or empty: all). */
    public int count(String text) {
        try (Connection c = dataSource.getConnection()) {
            return StreamRows.count(c, likeContains(text));
        } catch (SQLException e) {
            throw new PersistenceException("counting streams failed", e);
        }
    }

    public Optional<StreamDefinition> find(String name) {
        return read(c -> StreamRows.one(c, name)).stream().findFirst();
    }

    private interface Reader {
        List<StreamDefinition> read(Connection c) throws SQLException;
    }

    /** Reads with plain JDBC on the transaction's connection (see {@link StreamRows}). */
    private List<StreamDefinition> read(Reader reader) {
        try (Connection c = dataSource.getConnection()) {
            return reader.read(c);
        } catch (SQLException e) {
            throw new PersistenceException("reading streams failed", e);
        }
    }

    /** Creates or replaces the stream {@code d.name()}; returns true when it was created. */
    public boolean put(StreamDefinition d) {
        StreamValidator.validate(d);
        lock(d.name());
        Stream stream = em.find(Stream.class, d.name());
        if (stream == null) {
            stream = new Stream(d.name());
            stream.configure(d);
            em.persist(stream);
            store(d, null);
            return true;
        }
        StreamDefinition before = stream.definition();
        stream.configure(d);
        store(d, before);
        return false;
    }

    /** Applies {@code change} to the stored stream atomically; empty when there is no such stream. */
    public Optional<StreamDefinition> patch(String name, UnaryOperator<StreamDefinition> change) {
        lock(name);
        Stream stream = em.find(Stream.class, name);
        if (stream == null) {
            return Optional.empty();
        }
        StreamDefinition before = stream.definition();
        StreamDefinition after = change.apply(before);
        if (!name.equals(after.name())) {
            throw ConfigException.invalid(ConfigException.NAME_MISMATCH, "name", "A stream cannot be renamed.");
        }
        StreamValidator.validate(after);
        stream.configure(after);
        store(after, before);
        return Optional.of(after);
    }

    /** Deletes the stream and frees its ports; false when there is no such stream. */
    public boolean delete(String name) {
        lock(name);
        Stream stream = em.find(Stream.class, name);
        if (stream == null) {
            return false;
        }
        ports.release(name);
        em.remove(stream);
        record(name, "deleted", null);
        changes.fire(ConfigChanged.STREAMS);
        return true;
    }

    private void store(StreamDefinition d, StreamDefinition before) {
        ports.claim(d.name(), d.options().endpoints());
        if (before == null) {
            record(d.name(), "created", null);
        } else {
            List<String> changed = d.options().changedFrom(before.options());
            if (!changed.isEmpty()) {
                record(d.name(), "updated", List.copyOf(changed));
            }
        }
        changes.fire(ConfigChanged.STREAMS);
    }

    private void record(String stream, String change, List<String> fields) {
        record(em, stream, Map.of(), change, fields);
    }

    /**
     * Records a {@code stream_reconfigured} event: {@code change} created, updated (with the
     * {@code fields} that changed) or deleted, about {@code stream} or, for a publish location or
     * template, the names in {@code about}.
     */
    static void record(EntityManager em, String stream, Map<String, ?> about, String change, List<String> fields) {
        Map<String, Object> data = new LinkedHashMap<>(about);
        data.put("change", change);
        if (fields != null) {
            data.put("fields", fields);
        }
        em.persist(new EventRecord(new MediaEvent(EVENT_TYPE, Instant.now(), stream, data), ServerIdentity.node()));
    }

    /** Serializes changes of one stream name until the transaction ends. */
    private void lock(String name) {
        lock(em, LOCK_SPACE_STREAMS, name);
    }

    /** A transaction-scoped advisory lock on {@code key} in {@code space}. */
    static void lock(EntityManager em, int space, String key) {
        em.createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(?1, hashtext(?2))) AS locked")
                .setParameter(1, space).setParameter(2, key).getSingleResult();
    }

    private static String likePrefix(String prefix) {
        return escapeLike(prefix) + "%";
    }

    private static String likeContains(String text) {
        return text == null || text.isEmpty() ? "%" : "%" + escapeLike(text) + "%";
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
