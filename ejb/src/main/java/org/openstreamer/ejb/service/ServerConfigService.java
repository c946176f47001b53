package org.openstreamer.ejb.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.model.ServerConfig;
import org.openstreamer.ejb.model.ServerConfigDefinition;
import org.openstreamer.ejb.model.SrtListenerRange;
import org.openstreamer.ejb.validate.ServerConfigValidator;

import java.util.function.UnaryOperator;

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
        return store(locked(), d);
    }

    /**
     * Changes the settings as {@code change} makes them of the stored ones (a merge patch), with
     * the config row locked from reading to writing, then validated and stored like {@link #put}.
     */
    public ServerConfigDefinition patch(UnaryOperator<ServerConfigDefinition> change) {
        ServerConfig config = locked();
        ServerConfigDefinition d = change.apply(config.definition());
        ServerConfigValidator.validate(d);
        return store(config, d);
    }

    private ServerConfig locked() {
        ServerConfig config = em.find(ServerConfig.class, ServerConfig.ID, LockModeType.PESSIMISTIC_WRITE);
        if (config == null) {
            throw new IllegalStateException("the server_config row is missing: the schema migration did not run");
        }
        return config;
    }

    private ServerConfigDefinition store(ServerConfig config, ServerConfigDefinition d) {
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
