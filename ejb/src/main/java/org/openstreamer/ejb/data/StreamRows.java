package org.openstreamer.ejb.data;

import org.openstreamer.connector.api.SrtEndpoint;
import org.openstreamer.ejb.model.Backup;
import org.openstreamer.ejb.model.DvrConfig;
import org.openstreamer.ejb.model.InputDefinition;
import org.openstreamer.ejb.model.JsonText;
import org.openstreamer.ejb.model.Push;
import org.openstreamer.ejb.model.SrtKind;
import org.openstreamer.ejb.model.Stream;
import org.openstreamer.ejb.model.StreamDefinition;
import org.openstreamer.ejb.model.StreamOptions;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads streams for the API with plain JDBC: one query for the rows of a page and one per
 * collection (inputs, SRT endpoints, pushes) for all of them, building {@link StreamDefinition}s
 * directly. Entities cost more than the SQL here (hydration, snapshots, dirty checks at commit),
 * so pages of streams never go through JPA; writes do, through {@code Stream}.
 */
public final class StreamRows {

    private static final String COLUMNS = "name, title, disabled, publish_enabled, static, clients_timeout, retry_limit, "
            + "password, on_publish, on_play, max_sessions, max_bitrate, segment_duration, segment_count, dvr_root, "
            + "dvr_depth, dvr_disk_limit, dvr_storage_limit, dvr_schedule, dvr_offline, backup_file, meta::text, thumbnails, rtp, "
            + "frames_timeout, soft_limitation, domains";

    private StreamRows() {
    }

    /** Up to {@code limit} streams whose names are LIKE {@code pattern} (escape '!') and after {@code after}, in name order. */
    public static List<StreamDefinition> page(Connection c, String pattern, String after, int limit, boolean descending)
            throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM streams WHERE name LIKE ? ESCAPE '!'"
                + (after != null ? (descending ? " AND name < ?" : " AND name > ?") : "")
                + " ORDER BY name" + (descending ? " DESC" : "") + " LIMIT ?";
        try (PreparedStatement q = c.prepareStatement(sql)) {
            int i = 1;
            q.setString(i++, pattern);
            if (after != null) {
                q.setString(i++, after);
            }
            q.setInt(i, limit);
            return read(c, q);
        }
    }

    /**
     * The streams at rows {@code offset} .. {@code offset + limit} in name order among those whose
     * names are LIKE {@code pattern} (escape '!'): the console's numbered pages. OFFSET walks the
     * primary-key index, a few milliseconds at 10,000 streams.
     */
    public static List<StreamDefinition> window(Connection c, String pattern, int offset, int limit, boolean descending)
            throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM streams WHERE name LIKE ? ESCAPE '!' ORDER BY name"
                + (descending ? " DESC" : "") + " OFFSET ? LIMIT ?";
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, pattern);
            q.setInt(2, offset);
            q.setInt(3, limit);
            return read(c, q);
        }
    }

    /** How many streams have names LIKE {@code pattern} (escape '!'). */
    public static int count(Connection c, String pattern) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT count(*) FROM streams WHERE name LIKE ? ESCAPE '!'")) {
            q.setString(1, pattern);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    public static List<StreamDefinition> one(Connection c, String name) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM streams WHERE name = ?")) {
            q.setString(1, name);
            return read(c, q);
        }
    }

    private static List<StreamDefinition> read(Connection c, PreparedStatement q) throws SQLException {
        Map<String, StreamOptions.Builder> byName = new LinkedHashMap<>();
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                byName.put(rs.getString(1), options(rs));
            }
        }
        if (byName.isEmpty()) {
            return List.of();
        }
        Array names = c.createArrayOf("varchar", byName.keySet().toArray());
        Map<String, List<InputDefinition>> inputs = new HashMap<>();
        each(c, "SELECT stream, url, priority, source_timeout, options::text FROM stream_inputs "
                + "WHERE stream = ANY(?) ORDER BY stream, position", names, rs -> inputs
                .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                .add(new InputDefinition(rs.getString(2), integer(rs, 3), integer(rs, 4), JsonText.object(rs.getString(5)))));
        each(c, "SELECT stream, kind, port, passphrase, latency FROM stream_srt_endpoints WHERE stream = ANY(?)", names,
                rs -> byName.get(rs.getString(1)).endpoint(SrtKind.of(rs.getString(2)),
                        new SrtEndpoint(rs.getInt(3), rs.getString(4), rs.getInt(5))));
        Map<String, List<Push>> pushes = new HashMap<>();
        each(c, "SELECT stream, url, retry_timeout, retry_limit, disabled, timeout, tls_verify FROM stream_pushes "
                + "WHERE stream = ANY(?) ORDER BY stream, position", names, rs -> pushes
                .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                .add(new Push(rs.getString(2), rs.getInt(3), integer(rs, 4), rs.getBoolean(5), integer(rs, 6), rs.getBoolean(7))));
        List<StreamDefinition> out = new ArrayList<>(byName.size());
        byName.forEach((name, b) -> out.add(new StreamDefinition(name,
                b.inputs(inputs.getOrDefault(name, List.of())).pushes(pushes.getOrDefault(name, List.of())).build())));
        return out;
    }

    private static StreamOptions.Builder options(ResultSet rs) throws SQLException {
        StreamOptions.Builder b = StreamOptions.builder().title(rs.getString(2)).disabled(rs.getBoolean(3))
                .publishEnabled(rs.getBoolean(4)).isStatic(rs.getBoolean(5)).clientsTimeout(rs.getInt(6))
                .retryLimit(rs.getInt(7)).password(rs.getString(8)).onPublish(rs.getString(9)).onPlay(rs.getString(10))
                .maxSessions(integer(rs, 11)).maxBitrate(integer(rs, 12)).segmentDuration(rs.getInt(13))
                .segmentCount(rs.getInt(14)).meta(JsonText.object(rs.getString(22))).thumbnails(rs.getBoolean(23)).rtp(rs.getString(24))
                .framesTimeout(integer(rs, 25)).softLimitation((Boolean) rs.getObject(26))
                .domains(Stream.splitDomains(rs.getString(27)));
        String dvrRoot = rs.getString(15);
        if (dvrRoot != null) {
            b.dvr(new DvrConfig(dvrRoot, longValue(rs, 16), integer(rs, 17), longValue(rs, 18), rs.getString(19),
                    rs.getBoolean(20)));
        }
        if (rs.getString(21) != null) {
            b.backup(new Backup(rs.getString(21)));
        }
        return b;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void each(Connection c, String sql, Array names, RowReader reader) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setArray(1, names);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Long longValue(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
