package org.openstreamer.web.view;

import jakarta.annotation.Resource;
import org.openstreamer.connector.api.MediaEngine;
import org.openstreamer.connector.api.MediaEngineFactory;
import org.openstreamer.connector.api.PipelineInfo;
import org.openstreamer.connector.api.SrtRangeInfo;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import org.openstreamer.ejb.model.EventRecord;
import org.openstreamer.ejb.service.EventQueryService;
import org.openstreamer.ejb.service.HealthCheck;
import org.openstreamer.ejb.service.HealthService;
import org.openstreamer.ejb.service.ServerInfo;
import org.openstreamer.ejb.service.ServerInfoService;

import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;

/** The console's first page: server figures, health checks, live streams, SRT range ports, the latest engine events. */
@Named
@RequestScoped
public class DashboardView {

    private static final Logger LOG = Logger.getLogger(DashboardView.class.getName());
    static final int EVENT_ROWS = 50;

    @EJB
    private ServerInfoService servers;
    @EJB
    private HealthService health;
    @EJB
    private EventQueryService events;

    @Resource(lookup = MediaEngineFactory.JNDI_NAME)
    private MediaEngineFactory engines;

    private List<HealthCheck> checks;
    private List<PipelineInfo> pipelines = List.of();
    private SrtRangeInfo srtRanges = SrtRangeInfo.NONE;
    private ServerInfo server;
    private List<EventRecord> recentEvents = List.of();
    private String error;

    @PostConstruct
    void load() {
        checks = health.checks();
        try (MediaEngine engine = engines.getEngine()) {
            pipelines = engine.pipelines().stream().sorted(Comparator.comparing(PipelineInfo::stream)).toList();
            srtRanges = engine.info().srtRanges();
        } catch (Exception e) {
            LOG.warning("console dashboard could not reach the media engine: " + e);
        }
        try {
            server = servers.current();
            recentEvents = events.recent(null, EVENT_ROWS);
        } catch (Exception e) {
            LOG.warning("console dashboard could not read the database: " + e);
            error = "The database is unavailable; figures will return when it is back.";
        }
    }

    public List<HealthCheck> getChecks() {
        return checks;
    }

    public boolean isHealthy() {
        return checks.stream().allMatch(HealthCheck::up);
    }

    public ServerInfo getServer() {
        return server;
    }

    public List<EventRecord> getRecentEvents() {
        return recentEvents;
    }

    public List<PipelineInfo> getPipelines() {
        return pipelines;
    }

    public SrtRangeInfo getSrtRanges() {
        return srtRanges;
    }

    public String getError() {
        return error;
    }
}
