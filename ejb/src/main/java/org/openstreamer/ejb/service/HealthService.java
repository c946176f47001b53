package org.openstreamer.ejb.service;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.openstreamer.connector.api.EngineInfo;
import org.openstreamer.connector.api.MediaEngine;
import org.openstreamer.connector.api.MediaEngineFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks what the server needs to work: the database, the resource adapter, FFmpeg. Each check is
 * short and bounded (the JDBC connect timeout, a 2 s query timeout) so a dead database answers
 * DOWN quickly instead of hanging the caller. The database is DOWN too while its schema is not
 * migrated (it was unreachable when the server started), so the API answers 503 until it is.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HealthService {

    private static final int QUERY_TIMEOUT_SECONDS = 2;

    @Resource(lookup = "java:jboss/datasources/MediaDS")
    private DataSource dataSource;

    @Resource(lookup = MediaEngineFactory.JNDI_NAME)
    private MediaEngineFactory engines;

    @EJB
    private SchemaMigrator schema;

    public List<HealthCheck> checks() {
        EngineInfo engine = null;
        String engineError = null;
        try (MediaEngine e = engines.getEngine()) {
            engine = e.info();
        } catch (Exception e) {
            engineError = e.getMessage();
        }
        return List.of(database(), resourceAdapter(engine, engineError), ffmpeg(engine));
    }

    public boolean databaseUp() {
        return database().up();
    }

    private HealthCheck database() {
        Map<String, Object> data = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet rs = s.executeQuery("SELECT current_setting('server_version')")) {
                rs.next();
                data.put("server_version", rs.getString(1));
            }
            String problem = schema.problem();
            if (problem != null) { // reachable, but the schema this deployment expects is not there (yet)
                data.put("error", problem);
                return HealthCheck.down("database", data);
            }
            data.put("schema_version", schema.schemaVersion());
            return HealthCheck.up("database", data);
        } catch (SQLException | RuntimeException e) {
            data.put("error", rootMessage(e));
            return HealthCheck.down("database", data);
        }
    }

    private static HealthCheck resourceAdapter(EngineInfo engine, String error) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (engine == null) {
            data.put("error", error);
            return HealthCheck.down("resource-adapter", data);
        }
        data.put("version", engine.version());
        data.put("started_at", engine.startedAt().toString());
        data.put("java", Runtime.version().toString());
        return engine.running() ? HealthCheck.up("resource-adapter", data) : HealthCheck.down("resource-adapter", data);
    }

    private static HealthCheck ffmpeg(EngineInfo engine) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (engine == null || !engine.ffmpegLoaded()) {
            data.put("error", engine == null ? "engine unavailable" : engine.ffmpegError());
            return HealthCheck.down("ffmpeg", data);
        }
        data.put("version", engine.ffmpegVersion());
        data.put("srt", engine.srtProtocol());
        return HealthCheck.up("ffmpeg", data);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
