package org.openstreamer.ejb.service;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.resource.ResourceException;
import org.openstreamer.connector.api.MediaEngine;
import org.openstreamer.connector.api.MediaEngineFactory;
import org.openstreamer.connector.api.PipelineInfo;
import org.openstreamer.ejb.util.ServerIdentity;

import java.util.List;

/** Server-wide figures: configured streams from PostgreSQL, live ones from the engine. */
@Stateless
public class ServerInfoService {

    @PersistenceContext(unitName = "media")
    private EntityManager em;

    @Resource(lookup = MediaEngineFactory.JNDI_NAME)
    private MediaEngineFactory engines;

    public ServerInfo current() throws ResourceException {
        long streams = em.createQuery("SELECT COUNT(s) FROM Stream s", Long.class).getSingleResult();
        List<PipelineInfo> pipelines;
        try (MediaEngine engine = engines.getEngine()) {
            pipelines = engine.pipelines();
        }
        long clients = pipelines.stream().mapToLong(PipelineInfo::clients).sum();
        long in = pipelines.stream().mapToLong(PipelineInfo::inputBitrate).sum();
        long out = pipelines.stream().mapToLong(PipelineInfo::outputBitrate).sum();
        return new ServerInfo(ServerIdentity.VERSION, ServerIdentity.hostname(), ServerIdentity.node(),
                ServerIdentity.uptimeSeconds(), streams, pipelines.size(), clients, in / 1000, out / 1000);
    }
}
