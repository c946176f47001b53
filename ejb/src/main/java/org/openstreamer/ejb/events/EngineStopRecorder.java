package org.openstreamer.ejb.events;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.openstreamer.connector.api.EngineInfo;
import org.openstreamer.connector.api.MediaEngine;
import org.openstreamer.connector.api.MediaEngineFactory;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.MediaEventType;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Records {@code engine_stopping} when the deployment stops (undeploy or server shutdown). The
 * message-driven path cannot carry it: by the time the adapter learns of the stop, the MDB already
 * refuses invocations. This singleton is destroyed while the database and the adapter still run,
 * and before the {@link EventStore} it hands the event to: during an outage of PostgreSQL the
 * event waits in the store's journal with the others, for the next start.
 */
@Singleton
@Startup
@DependsOn("EventStore")
public class EngineStopRecorder {

    private static final Logger LOG = Logger.getLogger(EngineStopRecorder.class.getName());

    @EJB
    private EventStore events;

    @Resource(lookup = MediaEngineFactory.JNDI_NAME)
    private MediaEngineFactory engines;

    @PreDestroy
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    void recordStop() {
        Map<String, Object> data = new HashMap<>();
        try (MediaEngine engine = engines.getEngine()) {
            EngineInfo info = engine.info();
            data.put("version", info.version());
            data.put("uptime", Duration.between(info.startedAt(), Instant.now()).toSeconds());
        } catch (Exception e) {
            data.put("error", "engine unavailable: " + e.getMessage());
        }
        try {
            events.store(MediaEvent.of(MediaEventType.ENGINE_STOPPING, null, data));
        } catch (RuntimeException e) {
            LOG.warning("engine_stopping not recorded: " + e);
        }
    }
}
