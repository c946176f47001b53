package org.openstreamer.ejb.service;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.persistence.PersistenceException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's recent minutes from {@code stream_stats} (written by {@link StatsSampler}): summed
 * over streams and nodes, one point per minute that had any row, oldest first; for the console's charts.
 */
@Stateless
public class StatsHistory {

    /** One minute of the whole server: rates in kbit/s, viewers connected. */
    public record Minute(Instant minute, long bitrateIn, long bitrateOut, long clients) {
    }

    static final String SQL = "SELECT minute, sum(bitrate_in), sum(bitrate_out), sum(clients) FROM stream_stats "
            + "WHERE minute >= now() - make_interval(mins => ?) GROUP BY minute ORDER BY minute";

    @Resource(lookup = "java:jboss/datasources/MediaDS")
    private DataSource dataSource;

    public List<Minute> lastMinutes(int minutes) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(SQL)) {
            q.setInt(1, Math.max(1, minutes));
            List<Minute> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new Minute(rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new PersistenceException("reading the statistics failed", e);
        }
    }
}
