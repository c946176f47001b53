package org.openstreamer.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.openstreamer.db.EmbeddedDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * The real PostgreSQL of the integration tests: started before the first test class (so before
 * Arquillian starts WildFly and deploys), stopped after the last. Tests may stop and start it to
 * play a database outage.
 */
public class TestDatabase implements LauncherSessionListener {

    private static EmbeddedDatabase db;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("it.db.port") != null) {
            start();
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        stop();
    }

    public static synchronized void start() {
        if (db != null) {
            return;
        }
        try {
            // pg_stat_statements counts the server's statements as they end (see StreamApiIT).
            db = EmbeddedDatabase.start(Integer.getInteger("it.db.port"),
                    Path.of(System.getProperty("it.db.data")), Path.of(System.getProperty("it.db.work")),
                    Map.of("shared_preload_libraries", "pg_stat_statements"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the test database", e);
        }
    }

    public static synchronized void stop() {
        if (db == null) {
            return;
        }
        try {
            db.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            db = null;
        }
    }

    public static Connection connect() throws SQLException {
        return connect(EmbeddedDatabase.DATABASE);
    }

    /** A connection to another database of the same server (e.g. {@code postgres}). */
    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + Integer.getInteger("it.db.port") + "/"
                + database, EmbeddedDatabase.USER, "");
    }

    /** The single number a query such as {@code SELECT count(*) ...} answers. */
    static long count(String sql) throws SQLException {
        try (Connection c = connect(); java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Deletes a stream's DVR index (its segment and range rows); the recorded files stay. */
    static void forgetDvrIndex(String stream) throws SQLException {
        try (Connection c = connect(); java.sql.PreparedStatement segments = c.prepareStatement("DELETE FROM dvr_segments WHERE stream = ?");
             java.sql.PreparedStatement ranges = c.prepareStatement("DELETE FROM dvr_ranges WHERE stream = ?")) {
            segments.setString(1, stream);
            segments.executeUpdate();
            ranges.setString(1, stream);
            ranges.executeUpdate();
        }
    }
}
