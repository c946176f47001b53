package org.openstreamer.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openstreamer.db.EmbeddedDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstreamer.it.ConfigApi.putStream;

/**
 * The reporting views over JDBC, as a login in role {@code reporting}: it reads every view and
 * nothing else; a real SRT publisher and player show up as sessions, then in the history, and the
 * stream in the per-minute statistics (UDP ports 24011-24012).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(23)
class ReportingIT {

    static final String REPORTER = "it_reporter";
    static final String STREAM = "it-rep/cam1";
    static final List<String> VIEWS = List.of("streams", "sessions", "sessions_history", "stats", "dvr_status", "pushes");
    private final List<Process> processes = new ArrayList<>();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @BeforeAll
    static void createReporter() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("DROP ROLE IF EXISTS " + REPORTER);
            s.execute("CREATE ROLE " + REPORTER + " LOGIN IN ROLE reporting");
        }
    }

    @AfterAll
    static void dropReporter() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("DROP ROLE IF EXISTS " + REPORTER);
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        processes.forEach(MediaTools::stop);
        ConfigApi.cleanUp();
    }

    static Connection reporter() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + Integer.getInteger("it.db.port") + "/"
                + EmbeddedDatabase.DATABASE, REPORTER, "");
    }

    /** The first column of the first row, or null when there is none. */
    static String first(String sql) throws SQLException {
        try (Connection c = reporter(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void theReportingRoleReadsTheViewsAndNothingElse() throws Exception {
        assertEquals(201, putStream(STREAM, "{\"title\":\"Report me\",\"inputs\":[{\"url\":\"publish://\"}]}").statusCode());
        try (Connection c = reporter(); Statement s = c.createStatement()) {
            for (String view : VIEWS) {
                s.executeQuery("SELECT * FROM reporting." + view).close();
            }
            for (String table : List.of("users", "user_roles", "streams", "events", "sessions", "stream_stats",
                    "public.streams", "flyway_schema_history")) {
                SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM " + table), table);
                assertEquals("42501", e.getSQLState(), table + ": " + e.getMessage()); // insufficient_privilege
            }
            SQLException e = assertThrows(SQLException.class, () -> s.execute("CREATE VIEW reporting.mine AS SELECT 1"));
            assertEquals("42501", e.getSQLState(), e.getMessage());
        }
        assertEquals("publish", first("SELECT type FROM reporting.streams WHERE name = '" + STREAM + "'"));
        assertEquals("stopped", first("SELECT status FROM reporting.streams WHERE name = '" + STREAM + "'"));
        assertEquals("publish://", first("SELECT urls FROM reporting.streams WHERE name = '" + STREAM + "'"));
        assertEquals(null, first("SELECT dvr FROM reporting.streams WHERE name = '" + STREAM + "'"), "no DVR");
        assertEquals(null, first("SELECT dvr_root FROM reporting.streams WHERE name = '" + STREAM + "'"), "no DVR");

        String recorded = "it-rep/dvr";
        assertEquals(201, putStream(recorded, "{\"inputs\":[{\"url\":\"publish://\"}],\"dvr\":{\"root\":\"/storage\","
                + "\"depth\":432000,\"disk_limit\":90,\"storage_limit\":500000000000,\"schedule\":\"8:00-16:00,22-1:30\","
                + "\"offline\":true}}").statusCode());
        assertEquals("/storage 432000s 90% 500000000000B schedule=8:00-16:00,22-1:30 offline",
                first("SELECT dvr FROM reporting.streams WHERE name = '" + recorded + "'"));
        assertEquals("/storage", first("SELECT dvr_root FROM reporting.streams WHERE name = '" + recorded + "'"));
        assertEquals(200, putStream(recorded, "{\"dvr\":{\"root\":\"@archive\"}}").statusCode());
        assertEquals("@archive", first("SELECT dvr FROM reporting.streams WHERE name = '" + recorded + "'"));
        assertEquals("@archive", first("SELECT dvr_root FROM reporting.streams WHERE name = '" + recorded + "'"));
    }

    @Test
    void sessionsAndStatisticsComeFromTheLiveStream() throws Exception {
        assertEquals(201, putStream(STREAM, "{\"inputs\":[{\"url\":\"publish://\"}],"
                + "\"srt_publish\":{\"port\":24011},\"srt_play\":{\"port\":24012},"
                + "\"pushes\":[{\"url\":\"srt://127.0.0.1:24014?passphrase=reporting-secret-1\",\"retry_timeout\":1}]}").statusCode());
        Process publisher = MediaTools.publish("srt://127.0.0.1:24011");
        processes.add(publisher);
        await("a publish session", "SELECT type FROM reporting.sessions WHERE kind = 'publish' AND name = '" + STREAM + "'", "srt");
        // Nobody listens where the push goes: its failure shows, its passphrase does not.
        await("a failed push", "SELECT count(*) FROM reporting.pushes WHERE last_failed_at IS NOT NULL AND name = '"
                + STREAM + "'", "1");
        assertEquals("srt://127.0.0.1:24014?passphrase=***", first("SELECT url FROM reporting.pushes WHERE name = '" + STREAM + "'"));
        await("the stream alive", null, null, () -> ConfigApi.admin("GET", ConfigApi.STREAMS + STREAM + "/health", null)
                .statusCode() == 200);

        Process player = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-i", "srt://127.0.0.1:24012",
                "-c", "copy", "-f", "mpegts", "-y", "/dev/null")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(player);
        await("a play session", "SELECT ip FROM reporting.sessions WHERE kind = 'play' AND name = '" + STREAM + "'",
                "127.0.0.1");

        // The statistics timer writes once a minute: the stream shows up within about a minute.
        assertTrue(Deployments.eventually(Duration.ofSeconds(80), () -> {
            String kbit = first("SELECT max(bitrate_in) FROM reporting.stats WHERE name = '" + STREAM + "'");
            return kbit != null && Integer.parseInt(kbit) > 500;
        }), "no statistics row with an input bitrate for " + STREAM);
        assertEquals("running", first("SELECT status FROM reporting.streams WHERE name = '" + STREAM + "'"));

        MediaTools.stop(player);
        await("the play session closed", "SELECT count(*) FROM reporting.sessions_history WHERE kind = 'play' AND name = '"
                + STREAM + "' AND duration > 0 AND reason IS NOT NULL", "1");
        assertEquals("0", first("SELECT count(*) FROM reporting.sessions WHERE kind = 'play' AND name = '" + STREAM + "'"));
        MediaTools.stop(publisher);
        await("the publish session closed", "SELECT count(*) FROM reporting.sessions_history WHERE kind = 'publish' AND name = '"
                + STREAM + "' AND bytes_received > 0", "1");
    }

    private static void await(String what, String sql, String expected) throws Exception {
        await(what, sql, expected, () -> expected.equals(first(sql)));
    }

    private static void await(String what, String sql, String expected, java.util.concurrent.Callable<Boolean> check)
            throws Exception {
        assertTrue(Deployments.eventually(Duration.ofSeconds(30), check),
                () -> what + (sql == null ? "" : ": " + sql + " never gave " + expected));
    }
}
