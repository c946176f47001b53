package org.openstreamer.ejb.events;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.openstreamer.ejb.util.ServerIdentity;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;

/**
 * Writes HTTP playback sessions into the {@code sessions} table (kind {@code play}, protocol the
 * session's type, peer its IP) in batches: the ones that opened, then the ones that closed, in one
 * transaction. The reporting views show them with the engine's sessions; the retention of
 * {@code StatsSampler} deletes them like the others.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class PlaySessionStore {

    static final String OPEN = """
            INSERT INTO sessions (kind, stream, protocol, peer, node, created_at, token, user_id, referer, user_agent,
                                  play_session, bytes_sent)
            VALUES ('play', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
            ON CONFLICT (play_session) DO NOTHING""";
    static final String CLOSE = """
            UPDATE sessions SET closed_at = greatest(created_at, ?), reason = ?, bytes_sent = ?,
                   user_id = coalesce(?, user_id)
             WHERE play_session = ? AND closed_at IS NULL""";

    @Resource(lookup = "java:jboss/datasources/MediaDS")
    private DataSource dataSource;

    public void write(List<PlaySessionRecord> opened, List<PlaySessionRecord> closed) throws SQLException {
        String node = ServerIdentity.node();
        try (Connection c = dataSource.getConnection()) {
            if (!opened.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(OPEN)) {
                    for (PlaySessionRecord r : opened) {
                        ps.setString(1, cut(r.stream(), 255));
                        ps.setString(2, cut(r.type(), 16));
                        ps.setString(3, cut(r.ip(), 300));
                        ps.setString(4, node);
                        ps.setTimestamp(5, Timestamp.from(r.createdAt()));
                        ps.setString(6, cut(r.token(), 255));
                        ps.setString(7, cut(r.userId(), 255));
                        ps.setString(8, cut(r.referer(), 1024));
                        ps.setString(9, cut(r.userAgent(), 1024));
                        ps.setString(10, r.sessionId());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            if (!closed.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(CLOSE)) {
                    for (PlaySessionRecord r : closed) {
                        ps.setTimestamp(1, Timestamp.from(r.closedAt()));
                        ps.setString(2, cut(r.reason(), 255));
                        ps.setLong(3, Math.max(0, r.bytesSent()));
                        if (r.userId() == null) {
                            ps.setNull(4, Types.VARCHAR);
                        } else {
                            ps.setString(4, cut(r.userId(), 255));
                        }
                        ps.setString(5, r.sessionId());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
