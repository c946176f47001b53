package org.openstreamer.ejb.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.openstreamer.ejb.model.ServerConfig;
import org.openstreamer.ejb.model.ServerConfigDefinition;
import org.openstreamer.ejb.model.SrtListenerRange;

/**
 * The server-wide settings (global SRT ports, SRT listener ranges, config_external). A change is
 * one transaction: validated, the config row locked, the global ports claimed in
 * {@code srt_ports}, and after the commit the settings pushed to the media engine.
 */
@Stateless
public class ServerConfigService {

    @PersistenceContext(unitName = "media")
    private EntityManager em;

    @EJB
    private SrtPortRegistry ports;

    @Inject
    private Event<ConfigChanged> changes;

    public ServerConfigDefinition get() {
        ServerConfig config = em.find(ServerConfig.class, ServerConfig.ID);
        return config == null ? ServerConfigDefinition.EMPTY : config.definition();
    }

    /** Replaces every server-wide setting with {@code d}. */
    public ServerConfigDefinition put(ServerConfigDefinition d) {
        ServerConfigValidator.validate(d);
        ServerConfig config = em.find(ServerConfig.class, ServerConfig.ID, LockModeType.PESSIMISTIC_WRITE);
        if (config == null) {
            throw new IllegalStateException("the server_config row is missing: the schema migration did not run");
        }
        config.configure(d);
        ports.claim(null, d.endpoints());
        for (int i = 0; i < d.listeners().size(); i++) {
            SrtListenerRange r = d.listeners().get(i);
            String taken = ports.firstTakenIn(r.first(), r.last());
            if (taken != null) {
                throw ConfigException.conflict(ConfigException.PORT_CONFLICT, "listeners.srt[" + i + "].ports",
                        "The SRT " + r.mode() + " port range " + r.first() + "-" + r.last() + " includes " + taken + ".");
            }
        }
        changes.fire(ConfigChanged.SERVER);
        return d;
    }
}
