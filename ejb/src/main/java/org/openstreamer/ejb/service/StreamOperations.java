package org.openstreamer.ejb.service;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.resource.ResourceException;
import org.openstreamer.connector.api.MediaEngine;
import org.openstreamer.connector.api.MediaEngineFactory;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.PipelineInfo;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.model.EventRecord;
import org.openstreamer.ejb.model.InputDefinition;
import org.openstreamer.ejb.model.Stream;
import org.openstreamer.ejb.model.StreamDefinition;
import org.openstreamer.ejb.util.ServerIdentity;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.HashMap;
import java.util.Collection;
import java.util.logging.Logger;

/**
 * Operations on a running stream: its live status, a restart, a switch of its active input. Each
 * looks the stream up in PostgreSQL first (an unknown stream gives an empty result), then asks the
 * media engine; restart and switch record an event once the engine has done it.
 */
@Stateless
public class StreamOperations {

    public static final String RESTARTED = "stream_restarted";
    /** The reference's name for a source change. */
    public static final String SOURCE_SWITCHED = "source_switch";
    private static final Logger LOG = Logger.getLogger(StreamOperations.class.getName());

    @PersistenceContext(unitName = "media")
    private EntityManager em;

    @Resource(lookup = MediaEngineFactory.JNDI_NAME)
    private MediaEngineFactory engines;

    /** The engine's view of a stream known to exist; {@link LiveStatus#NONE} if the engine cannot be reached. */
    public LiveStatus live(String name) {
        try (MediaEngine engine = engines.getEngine()) {
            PipelineInfo pipeline = engine.pipeline(name);
            return new LiveStatus(pipeline, pipeline == null ? null : engine.mediaInfo(name), engine.dvrStatus(name),
                    engine.pushes(name));
        } catch (ResourceException | RuntimeException e) {
            LOG.warning("live status of " + name + " unavailable: " + e);
            return LiveStatus.NONE;
        }
    }

    /**
     * The status of each stream as {@code stats.status} gives it: {@code disabled}, {@code idle}
     * (no pipeline), or the pipeline's {@code publishing} / {@code waiting}; through one engine
     * handle. Without an engine every enabled stream is {@code idle}.
     */
    public Map<String, String> statuses(Collection<StreamDefinition> streams) {
        Map<String, String> out = new HashMap<>();
        try (MediaEngine engine = engines.getEngine()) {
            for (StreamDefinition d : streams) {
                PipelineInfo p = d.options().disabled() ? null : engine.pipeline(d.name());
                out.put(d.name(), d.options().disabled() ? "disabled" : p == null ? "idle" : p.state());
            }
        } catch (ResourceException | RuntimeException e) {
            LOG.warning("live status unavailable: " + e);
            streams.forEach(d -> out.put(d.name(), d.options().disabled() ? "disabled" : "idle"));
        }
        return out;
    }

    /** The engine's pipeline of each named stream that has one, through one engine handle; empty without an engine. */
    public Map<String, PipelineInfo> pipelines(Collection<String> names) {
        Map<String, PipelineInfo> out = new HashMap<>();
        try (MediaEngine engine = engines.getEngine()) {
            for (String name : names) {
                PipelineInfo p = engine.pipeline(name);
                if (p != null) {
                    out.put(name, p);
                }
            }
        } catch (ResourceException | RuntimeException e) {
            LOG.warning("live status unavailable: " + e);
        }
        return out;
    }

    /** The live status of a configured stream; empty when there is no such stream. */
    public Optional<LiveStatus> health(String name) {
        return exists(name) ? Optional.of(live(name)) : Optional.empty();
    }

    /**
     * Restarts the stream's live pipeline (see {@link MediaEngine#restart}); returns the publisher
     * that was connected ("" when none), or empty when there is no such stream.
     */
    public Optional<String> restart(String name) throws ResourceException {
        if (!exists(name)) {
            return Optional.empty();
        }
        String publisher;
        try (MediaEngine engine = engines.getEngine()) {
            PipelineInfo before = engine.pipeline(name);
            publisher = before == null || before.publisher() == null ? "" : before.publisher();
            engine.restart(name);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        if (!publisher.isEmpty()) {
            data.put("publisher", publisher);
        }
        record(RESTARTED, name, data);
        return Optional.of(publisher);
    }

    /**
     * Makes the input with this URL the stream's active one; returns its position in the input
     * list, or empty when there is no such stream. A URL that is not one of the stream's inputs is
     * a 400 on field {@code url}.
     */
    public Optional<Integer> switchSource(String name, String url) throws ResourceException {
        Stream stream = em.find(Stream.class, name);
        if (stream == null) {
            return Optional.empty();
        }
        if (url == null || url.isEmpty()) {
            throw ConfigException.invalid(ConfigException.MISSING_VALUE, "url",
                    "url is required: one of the stream's input URLs.");
        }
        StreamDefinition d = stream.definition();
        int position = d.options().inputs().stream().map(InputDefinition::url).toList().indexOf(url);
        if (position < 0) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "url",
                    "url must be one of the inputs of stream " + name + " (" + d.options().inputs().size() + " configured).");
        }
        try (MediaEngine engine = engines.getEngine()) {
            engine.switchSource(name, url);
        }
        record(SOURCE_SWITCHED, name, Map.of("url", url, "position", position));
        return Optional.of(position);
    }

    private boolean exists(String name) {
        return !em.createQuery("SELECT s.name FROM Stream s WHERE s.name = :name", String.class)
                .setParameter("name", name).getResultList().isEmpty();
    }

    private void record(String type, String stream, Map<String, Object> data) {
        em.persist(new EventRecord(new MediaEvent(type, Instant.now(), stream, data), ServerIdentity.node()));
    }
}
