package org.openstreamer.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

/**
 * A real PostgreSQL server (zonky's binaries) on a loopback port, with its data in a folder that
 * survives restarts, and the application database created on first start.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "media";
    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /**
     * Starts PostgreSQL, initialising {@code dataDir} if it is empty and reusing it otherwise.
     *
     * @param workDir where the binaries are unpacked (kept between runs so later starts are fast)
     */
    public static EmbeddedDatabase start(int port, Path dataDir, Path workDir) throws IOException, SQLException {
        return start(port, dataDir, workDir, Map.of());
    }

    /**
     * As {@link #start(int, Path, Path)}, with more server settings (each passed as {@code -c name=value},
     * so nothing is written into the data folder).
     */
    public static EmbeddedDatabase start(int port, Path dataDir, Path workDir, Map<String, String> settings)
            throws IOException, SQLException {
        Files.createDirectories(dataDir);
        Files.createDirectories(workDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(workDir.toFile())
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(30))
                .setServerConfig("listen_addresses", "127.0.0.1");
        settings.forEach(builder::setServerConfig);
        EmbeddedPostgres pg = builder.start();
        EmbeddedDatabase db = new EmbeddedDatabase(pg, dataDir);
        db.createDatabaseIfMissing();
        return db;
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            q.setString(1, DATABASE);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE DATABASE " + DATABASE);
                    }
                }
            }
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    /** True while the postmaster recorded in {@code postmaster.pid} is alive. */
    public boolean isAlive() {
        try {
            String first = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim();
            return ProcessHandle.of(Long.parseLong(first)).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Stops the server cleanly (fast shutdown: open sessions are ended, data is flushed). */
    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
