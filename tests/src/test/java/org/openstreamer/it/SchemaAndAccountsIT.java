package org.openstreamer.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openstreamer.ejb.service.PasswordHasher;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the deployment did to the database: migrations only, and one bcrypt-hashed admin. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(3)
class SchemaAndAccountsIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Test
    void theSchemaComesFromTheVersionedMigrationsAlone() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(
                    "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")) {
                assertTrue(rs.next());
                assertEquals("1", rs.getString(1));
                assertTrue(rs.getBoolean(2));
                assertTrue(rs.next());
                assertEquals("2", rs.getString(1));
                assertTrue(rs.getBoolean(2));
            }
            Set<String> tables = new TreeSet<>();
            try (ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            // Hibernate must not have created anything of its own (sequences, extra tables).
            assertEquals(Set.of("drm_keys", "dvr_locks", "dvr_ranges", "dvr_segments", "events", "flyway_schema_history", "notify_sinks",
                    "publish_locations", "server_config", "server_http_listeners",
                    "server_srt_endpoints", "server_srt_listeners", "sessions", "srt_ports", "stream_inputs",
                    "stream_drm", "stream_pushes", "stream_srt_endpoints", "stream_stats", "stream_templates", "streams",
                    "user_roles", "users"), tables);
        }
    }

    @Test
    void theFirstAdminIsCreatedFromTheEnvironmentWithABcryptHash() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT u.username, u.password_hash FROM users u "
                     + "JOIN user_roles r ON r.username = u.username WHERE r.role = 'admin'")) {
            assertTrue(rs.next());
            assertEquals(Http.ADMIN, rs.getString(1));
            String hash = rs.getString(2);
            assertTrue(hash.startsWith("$2a$"), hash);
            assertFalse(hash.contains(Http.ADMIN_PASSWORD));
            assertTrue(PasswordHasher.verify(hash, Http.ADMIN_PASSWORD.toCharArray()));
            assertFalse(rs.next(), "exactly one admin");
        }
    }

    @Test
    void theDatabaseRefusesMalformedRows() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            assertThrowsSql(s, "INSERT INTO users (username, password_hash) VALUES ('bad name', 'x')");
            assertThrowsSql(s, "INSERT INTO user_roles (username, role) VALUES ('admin', 'root')");
            assertThrowsSql(s, "INSERT INTO streams (name) VALUES ('white space')");
            assertThrowsSql(s, "INSERT INTO streams (name) VALUES ('live//cam')");
            assertThrowsSql(s, "INSERT INTO streams (name) VALUES ('live/../cam')");
            assertThrowsSql(s, "INSERT INTO streams (name, segment_duration) VALUES ('it-schema', 0)");
        }
    }

    @Test
    void theDatabaseKeepsEachSrtPortWithOneOwner() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO streams (name) VALUES ('it-schema-a'), ('it-schema-b')");
            try {
                s.executeUpdate("INSERT INTO srt_ports (port, stream, kind) VALUES (32001, 'it-schema-a', 'srt')");
                assertThrowsSql(s, "INSERT INTO srt_ports (port, stream, kind) VALUES (32001, 'it-schema-b', 'srt')");
                assertThrowsSql(s, "INSERT INTO srt_ports (port, stream, kind) VALUES (32001, NULL, 'srt_publish')");
                assertThrowsSql(s, "INSERT INTO srt_ports (port, stream, kind) VALUES (32002, 'it-schema-a', 'srt')");
                s.executeUpdate("INSERT INTO srt_ports (port, stream, kind) VALUES (32003, NULL, 'srt')");
                assertThrowsSql(s, "INSERT INTO srt_ports (port, stream, kind) VALUES (32004, NULL, 'srt')");
                assertThrowsSql(s, "INSERT INTO stream_srt_endpoints (stream, kind, passphrase) VALUES ('it-schema-a', 'srt', 'short')");
                assertThrowsSql(s, "INSERT INTO stream_srt_endpoints (stream, kind, latency) VALUES ('it-schema-a', 'srt', 9000)");
                assertThrowsSql(s, "INSERT INTO server_srt_listeners (position, mode, first_port, last_port) VALUES (0, 'play', 20, 10)");
                assertThrowsSql(s, "INSERT INTO server_config (id) VALUES (2)");
                s.executeUpdate("DELETE FROM streams WHERE name = 'it-schema-a'");
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM srt_ports WHERE port = 32001")) {
                    rs.next();
                    assertEquals(0, rs.getInt(1), "a deleted stream's ports are freed");
                }
            } finally {
                s.executeUpdate("DELETE FROM srt_ports WHERE port BETWEEN 32001 AND 32004");
                s.executeUpdate("DELETE FROM streams WHERE name LIKE 'it-schema%'");
            }
        }
    }

    private static void assertThrowsSql(Statement s, String sql) {
        try {
            s.executeUpdate(sql);
        } catch (java.sql.SQLException expected) {
            assertEquals("23", expected.getSQLState().substring(0, 2), expected.getMessage()); // integrity violation
            return;
        }
        throw new AssertionError("accepted: " + sql);
    }
}
