package org.openstreamer.ejb.service;

import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;
import org.openstreamer.connector.api.MediaEngine;
import org.openstreamer.connector.api.MediaEngineFactory;
import org.openstreamer.connector.api.PipelineInfo;
import org.openstreamer.ejb.util.DatabaseFailure;
import org.openstreamer.ejb.util.ServerIdentity;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.logging.Logger;

/**
 * Once a minute, reads the engine's pipelines and writes one {@code stream_stats} row per active
 * stream for the minute that just ended, in one JDBC batch; once an hour, deletes statistics and
 * closed sessions older than {@code openstreamer.reporting.retention-days} (30 by default). The
 * timer is not persistent: a minute the server or the database was down has no row.
 */
@Singleton
public class StatsSampler {

    private static final Logger LOG = Logger.getLogger(StatsSampler.class.getName());
    static final int DEFAULT_RETENTION_DAYS = 30;
    static final String INSERT = """
            INSERT INTO stream_stats (minute, stream, node, alive, bitrate_in, bitrate_out, bytes_in, bytes_out,
                                      clients, errors)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";

    @Resource(lookup = "java:jboss/datasources/MediaDS")
    private DataSource dataSource;

    @Resource(lookup = MediaEngineFactory.JNDI_NAME)
    private MediaEngineFactory engines;

    @Resource
    private SessionContext context;

    private final StatsWindow window = new StatsWindow();
    private boolean engineDownReported;
    private boolean databaseDownReported;

    @Schedule(second = "0", minute = "*", hour = "*", persistent = false, info = "per-minute stream statistics")
    void everyMinute() {
        Instant now = Instant.now();
        List<PipelineInfo> pipelines;
        try (MediaEngine engine = engines.getEngine()) {
            pipelines = engine.pipelines();
            engineDownReported = false;
        } catch (Exception e) {
            if (!engineDownReported) {
                LOG.warning("no stream statistics while the media engine is unavailable: " + e);
                engineDownReported = true;
            }
            return;
        }
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES);
        List<StatsWindow.Row> rows = window.sample(minute, pipelines, System.nanoTime());
        try (Connection c = dataSource.getConnection()) {
            write(c, rows);
            if (now.atZone(java.time.ZoneOffset.UTC).getMinute() == 0) {
                purge(c, retentionDays());
            }
            databaseDownReported = false;
        } catch (SQLException e) {
            // A database outage loses these minutes, once each: no retry, no stack trace a minute.
            if (!DatabaseFailure.unavailable(e)) {
                context.setRollbackOnly(); // an outage wrote nothing: a rollback would only make the timer service log and retry
            }
            if (!databaseDownReported) {
                LOG.warning("stream statistics not written (database unavailable?): " + e);
                databaseDownReported = true;
            }
        }
    }

    private static void write(Connection c, List<StatsWindow.Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        String node = ServerIdentity.node();
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (StatsWindow.Row r : rows) {
                ps.setTimestamp(1, Timestamp.from(r.minute()));
                ps.setString(2, r.stream());
                ps.setString(3, node);
                ps.setBoolean(4, r.alive());
                ps.setInt(5, r.bitrateIn());
                ps.setInt(6, r.bitrateOut());
                ps.setLong(7, r.bytesIn());
                ps.setLong(8, r.bytesOut());
                ps.setInt(9, r.clients());
                ps.setLong(10, r.errors());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void purge(Connection c, int days) throws SQLException {
        try (PreparedStatement stats = c.prepareStatement(
                "DELETE FROM stream_stats WHERE minute < now() - make_interval(days => ?)");
             PreparedStatement sessions = c.prepareStatement(
                     "DELETE FROM sessions WHERE closed_at < now() - make_interval(days => ?)")) {
            stats.setInt(1, days);
            sessions.setInt(1, days);
            int n = stats.executeUpdate();
            int m = sessions.executeUpdate();
            if (n + m > 0) {
                LOG.info("reporting retention (" + days + " days): deleted " + n + " statistics rows, " + m + " sessions");
            }
        }
    }

    static int retentionDays() {
        int days = ConfigProvider.getConfig().getOptionalValue("openstreamer.reporting.retention-days", Integer.class)
                .orElse(DEFAULT_RETENTION_DAYS);
        return Math.max(1, days);
    }
}
