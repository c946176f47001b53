package org.openstreamer.web.view;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import org.openstreamer.connector.api.MediaEngine;
import org.openstreamer.connector.api.MediaEngineFactory;
import org.openstreamer.connector.api.PipelineInfo;
import org.openstreamer.connector.api.SrtRangeInfo;
import org.openstreamer.ejb.model.EventRecord;
import org.openstreamer.ejb.service.EventQueryService;
import org.openstreamer.ejb.service.HealthCheck;
import org.openstreamer.ejb.service.HealthService;
import org.openstreamer.ejb.service.ServerInfo;
import org.openstreamer.ejb.service.ServerInfoService;
import org.openstreamer.ejb.service.StatsHistory;

import javax.management.JMException;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;

/**
 * The console's first page, rebuilt on every poll: server figures, stream counts by state,
 * traffic, JVM load, the last hour's charts and the latest problems from the event log.
 */
@Named
@RequestScoped
public class DashboardView {

    private static final ObjectName OS = operatingSystem();
    private static final Logger LOG = Logger.getLogger(DashboardView.class.getName());
    static final int PROBLEM_ROWS = 20;
    static final int CHART_MINUTES = 60;
    /** Events that mean something went wrong: refused publishers, lost sources, failed pushes, disk and retention. */
    static final List<String> PROBLEMS = List.of("connection_rejected", "source_lost", "frames_timed_out", "push_failed",
            "dvr_write_failed", "dvr_deleted_fragments");

    @EJB
    private ServerInfoService servers;
    @EJB
    private HealthService health;
    @EJB
    private EventQueryService events;
    @EJB
    private StatsHistory history;

    @Resource(lookup = MediaEngineFactory.JNDI_NAME)
    private MediaEngineFactory engines;

    private List<HealthCheck> checks;
    private List<PipelineInfo> pipelines = List.of();
    private SrtRangeInfo srtRanges = SrtRangeInfo.NONE;
    private ServerInfo server;
    private List<EventRecord> problems = List.of();
    private StreamCounts counts = StreamCounts.of(0, List.of());
    private String bitrateChart = TrafficCharts.EMPTY;
    private String viewersChart = TrafficCharts.EMPTY;
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
            counts = StreamCounts.of(server.totalStreams(), pipelines);
            problems = events.recentOfTypes(PROBLEMS, PROBLEM_ROWS);
            TrafficCharts charts = new TrafficCharts(history.lastMinutes(CHART_MINUTES));
            bitrateChart = charts.bitrate();
            viewersChart = charts.viewers();
        } catch (Exception e) {
            LOG.warning("console dashboard could not read the database: " + e);
            error = "The database is unavailable; figures will return when it is back.";
        }
    }

    /** Process CPU load of the server's JVM in percent of all cores, or -1 when the platform does not say. */
    public long getCpuPercent() {
        // Through the MBean server: the com.sun.management interface is not visible to deployments.
        try {
            Object load = ManagementFactory.getPlatformMBeanServer().getAttribute(OS, "ProcessCpuLoad");
            return load instanceof Double d && d >= 0 ? Math.round(d * 100) : -1;
        } catch (JMException e) {
            return -1;
        }
    }

    public long getHeapUsedMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    public long getHeapMaxMb() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return (heap.getMax() >= 0 ? heap.getMax() : heap.getCommitted()) >> 20;
    }

    private static ObjectName operatingSystem() {
        try {
            return new ObjectName(ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Uptime as days, hours, minutes. */
    public String getUptime() {
        if (server == null) {
            return "";
        }
        long s = server.uptime();
        return (s >= 86400 ? s / 86400 + " d " : "") + (s % 86400) / 3600 + " h " + (s % 3600) / 60 + " min";
    }

    public List<HealthCheck> getChecks() {
        return checks;
    }

    public ServerInfo getServer() {
        return server;
    }

    public StreamCounts getCounts() {
        return counts;
    }

    public List<EventRecord> getProblems() {
        return problems;
    }

    public List<PipelineInfo> getPipelines() {
        return pipelines;
    }

    public SrtRangeInfo getSrtRanges() {
        return srtRanges;
    }

    public String getBitrateChart() {
        return bitrateChart;
    }

    public String getViewersChart() {
        return viewersChart;
    }

    public String getError() {
        return error;
    }
}
