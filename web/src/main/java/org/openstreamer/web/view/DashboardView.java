package org.openstreamer.web.view;

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

import java.util.List;
import java.util.logging.Logger;

/** The console's first page: server figures, health checks, the latest engine events. */
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

    private List<HealthCheck> checks;
    private ServerInfo server;
    private List<EventRecord> recentEvents = List.of();
    private String error;

    @PostConstruct
    void load() {
        checks = health.checks();
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

    public String getError() {
        return error;
    }
}
