package org.openstreamer.ejb.drm;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import org.openstreamer.connector.api.Drm;
import org.openstreamer.connector.api.DrmKey;
import org.openstreamer.connector.api.DrmSettings;
import org.openstreamer.connector.api.MediaEngine;
import org.openstreamer.connector.api.MediaEngineFactory;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.util.DatabaseFailure;
import org.openstreamer.ejb.util.OutageLog;

import javax.sql.DataSource;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The DRM keys of protected streams: made (SecureRandom, or asked of an external key server) one
 * rotation period after another, stored sealed under the master key, handed to the engine, and
 * deleted once no archive segment can use them. Every two seconds it makes the keys that are due
 * and gives the engine what changed (all of it every half minute, so a redeployed engine has its
 * keys again at once). The first round runs when the deployment starts, before {@code EngineSync}
 * configures any stream; the engine serves nothing in the clear until a complete round has
 * arrived. Keys are never logged.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DrmKeyService {

    private static final Logger LOG = Logger.getLogger(DrmKeyService.class.getName());
    /** Keys are kept at least this long even without an archive (players still on an old playlist). */
    static final long MIN_KEEP_MILLIS = 3_600_000;
    private static final long FULL_PUSH_MILLIS = 30_000;
    private static final long RETENTION_MILLIS = 60_000;

    @Resource(lookup = "java:jboss/datasources/MediaDS")
    private DataSource dataSource;

    @Resource(lookup = MediaEngineFactory.JNDI_NAME)
    private MediaEngineFactory engines;

    private final SecureRandom random = new SecureRandom();
    private KeySeal seal;
    /** Opened keys by id: a key is opened once, not on every push. */
    private final Map<Long, DrmKey> opened = new ConcurrentHashMap<>();
    private final Map<String, String> pushed = new HashMap<>();
    /** The last failure of each stream's external key server, logged once until it answers again. */
    private final Map<String, String> failing = new ConcurrentHashMap<>();
    private final OutageLog outage = new OutageLog(LOG, "DRM key rotation", "rounds skipped");
    private long nextFullPush;
    private long nextRetention;

    @PostConstruct
    void start() {
        seal = new KeySeal(MasterKey.load(MasterKey.location()), random);
        tick(); // before EngineSync configures any stream; until it succeeds, the engine serves nothing in the clear
    }

    @Schedule(second = "*/2", minute = "*", hour = "*", persistent = false, info = "DRM key rotation")
    public void tick() {
        try {
            sync(System.currentTimeMillis());
            outage.succeeded();
        } catch (RuntimeException e) {
            if (DatabaseFailure.unavailable(e)) {
                outage.failed(e, 1); // every 2 s: one line when PostgreSQL goes, one when it is back
            } else {
                LOG.warning("DRM keys: " + e.getMessage());
            }
        }
    }

    /** Makes the keys that are due and gives the engine the protected streams and their keys. */
    public synchronized void sync(long now) {
        Map<String, DrmSettings> streams = jdbc(this::readSettings);
        for (Map.Entry<String, DrmSettings> e : streams.entrySet()) {
            long latest = jdbc(c -> latestStart(c, e.getKey()));
            long start = KeySchedule.nextStart(latest, e.getValue().keyRotationSeconds() * 1000L, now);
            if (start >= 0) {
                makeKey(e.getKey(), e.getValue(), start);
            }
        }
        boolean full = now >= nextFullPush;
        if (full) {
            nextFullPush = now + FULL_PUSH_MILLIS;
        }
        push(streams, full);
        if (now >= nextRetention) {
            nextRetention = now + RETENTION_MILLIS;
            int gone = jdbc(c -> purge(c, now));
            if (gone > 0) {
                LOG.fine("DRM: " + gone + " keys no archive segment uses any more were deleted");
            }
        }
    }

    /** Every protected stream's settings, by stream name. */
    public Map<String, DrmSettings> allSettings() {
        return jdbc(this::readSettings);
    }

    public Optional<DrmSettings> settings(String stream) {
        return Optional.ofNullable(jdbc(this::readSettings).get(stream));
    }

    /** Protects the stream (or changes its protection); its first key is made at once. */
    public void protect(String stream, DrmSettings settings) {
        jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO stream_drm (stream, key_server, key_rotation, allow_clear, method) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (stream) DO UPDATE SET key_server = EXCLUDED.key_server,
                        key_rotation = EXCLUDED.key_rotation, allow_clear = EXCLUDED.allow_clear,
                        method = EXCLUDED.method""")) {
                ps.setString(1, stream);
                ps.setString(2, settings.keyServer());
                ps.setInt(3, settings.keyRotationSeconds());
                ps.setBoolean(4, settings.allowClear());
                ps.setString(5, settings.method());
                return ps.executeUpdate();
            } catch (SQLException e) {
                if ("23503".equals(e.getSQLState())) {
                    throw ConfigException.notFound(stream);
                }
                throw e;
            }
        });
        sync(System.currentTimeMillis());
    }

    /** Ends the stream's protection (its keys stay as long as the archive might need them). */
    public boolean unprotect(String stream) {
        int n = jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM stream_drm WHERE stream = ?")) {
                ps.setString(1, stream);
                return ps.executeUpdate();
            }
        });
        sync(System.currentTimeMillis());
        return n > 0;
    }

    /** A new key from now on, whatever the schedule says; the next one follows a period later. */
    public synchronized KeyInfo rotate(String stream) {
        DrmSettings s = settings(stream).orElseThrow(() -> ConfigException.notFound(stream));
        // From now: segments that started earlier keep their key, a key made ahead for the next period still follows.
        long id = makeKey(stream, s, System.currentTimeMillis());
        if (id < 0) {
            throw ConfigException.conflict("key_server_failed", "keyserver",
                    "The key server of " + stream + " gave no key: " + failing.get(stream));
        }
        push(jdbc(this::readSettings), false);
        return keys(stream).stream().filter(k -> k.id() == id).findFirst().orElseThrow();
    }

    /** The stream's keys, oldest first: ids and periods, never the bytes. */
    public List<KeyInfo> keys(String stream) {
        return jdbc(c -> {
            List<KeyInfo> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, starts_ms, key_url FROM drm_keys WHERE stream = ? ORDER BY starts_ms, id")) {
                ps.setString(1, stream);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (!out.isEmpty()) {
                            KeyInfo last = out.remove(out.size() - 1);
                            out.add(new KeyInfo(last.id(), last.startMillis(), rs.getLong(2), last.keyUrl()));
                        }
                        out.add(new KeyInfo(rs.getLong(1), rs.getLong(2), -1, rs.getString(3)));
                    }
                }
            }
            return out;
        });
    }

    /** Makes, seals and stores the key starting at {@code start}; its id, or -1 when the external key server failed. */
    private long makeKey(String stream, DrmSettings s, long start) {
        byte[] key;
        String keyUrl = null;
        if (s.external()) {
            try {
                ExternalKeyServer.Answer a = ExternalKeyServer.fetch(s.keyServer(), stream);
                key = a.key();
                keyUrl = a.keyUrl();
                if (failing.remove(stream) != null) {
                    LOG.info("DRM: the key server of " + stream + " answers again");
                }
            } catch (IOException | IllegalArgumentException e) {
                String why = e.getMessage();
                if (!why.equals(failing.put(stream, why))) {
                    LOG.warning("DRM: no new key for " + stream + " (the previous one stays in use): " + why);
                }
                return -1;
            }
        } else {
            key = new byte[16];
            random.nextBytes(key);
        }
        byte[] sealed = seal.seal(stream, start, key);
        String url = keyUrl;
        long id = jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO drm_keys (stream, starts_ms, sealed, key_url) VALUES (?, ?, ?, ?) RETURNING id")) {
                ps.setString(1, stream);
                ps.setLong(2, start);
                ps.setBytes(3, sealed);
                ps.setString(4, url);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        opened.put(id, new DrmKey(id, start, key, keyUrl));
        java.util.Arrays.fill(key, (byte) 0);
        return id;
    }

    /** Gives the engine each protected stream whose keys changed (all when {@code full}), and unprotects the rest. */
    private void push(Map<String, DrmSettings> streams, boolean full) {
        try (MediaEngine engine = engines.getEngine()) {
            Drm drm = engine.drm();
            for (Map.Entry<String, DrmSettings> e : streams.entrySet()) {
                List<DrmKey> keys = jdbc(c -> openKeys(c, e.getKey()));
                String signature = e.getValue() + "/" + keys.size() + "/" + (keys.isEmpty() ? 0 : keys.get(keys.size() - 1).id());
                if (full || !signature.equals(pushed.get(e.getKey()))) {
                    drm.protect(e.getKey(), e.getValue(), keys);
                    pushed.put(e.getKey(), signature);
                }
            }
            for (String stream : drm.protectedStreams()) {
                if (!streams.containsKey(stream)) {
                    drm.protect(stream, null, List.of());
                    pushed.remove(stream);
                }
            }
            if (full) {
                drm.loaded();
            }
        } catch (jakarta.resource.ResourceException | UnsupportedOperationException e) {
            LOG.fine("DRM: the media engine is not reachable yet: " + e);
        }
    }

    private Map<String, DrmSettings> readSettings(Connection c) throws SQLException {
        Map<String, DrmSettings> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT stream, key_server, key_rotation, allow_clear, method FROM stream_drm");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new DrmSettings(rs.getString(2), rs.getInt(3), rs.getBoolean(4), rs.getString(5)));
            }
        }
        return out;
    }

    private static long latestStart(Connection c, String stream) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT max(starts_ms) FROM drm_keys WHERE stream = ?")) {
            ps.setString(1, stream);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long v = rs.getLong(1);
                return rs.wasNull() ? -1 : v;
            }
        }
    }

    private List<DrmKey> openKeys(Connection c, String stream) throws SQLException {
        List<DrmKey> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, starts_ms, sealed, key_url FROM drm_keys WHERE stream = ? ORDER BY starts_ms, id")) {
            ps.setString(1, stream);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    DrmKey k = opened.get(id);
                    if (k == null) {
                        try {
                            byte[] clear = seal.open(stream, rs.getLong(2), rs.getBytes(3));
                            k = new DrmKey(id, rs.getLong(2), clear, rs.getString(4));
                            java.util.Arrays.fill(clear, (byte) 0);
                            opened.put(id, k);
                        } catch (IllegalStateException | IllegalArgumentException e) {
                            if (failing.putIfAbsent("key " + id, "") == null) {
                                LOG.warning("DRM: key " + id + " of " + stream + " is left out: " + e.getMessage());
                            }
                            continue;
                        }
                    }
                    out.add(k);
                }
            }
        }
        return out;
    }

    /**
     * Deletes keys whose whole period lies before both the stream's oldest archive segment and
     * {@link #MIN_KEEP_MILLIS} ago: no segment that may still be played uses them.
     */
    private int purge(Connection c, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                DELETE FROM drm_keys k
                 WHERE EXISTS (SELECT 1 FROM drm_keys n
                                WHERE n.stream = k.stream AND n.starts_ms > k.starts_ms
                                  AND n.starts_ms <= LEAST(?, COALESCE((SELECT min(start_ms) FROM dvr_segments d
                                                                         WHERE d.stream = k.stream), ?)))
                RETURNING id""")) {
            ps.setLong(1, now - MIN_KEEP_MILLIS);
            ps.setLong(2, now);
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    opened.remove(rs.getLong(1));
                    n++;
                }
            }
            return n;
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T jdbc(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("DRM keys: " + e.getMessage(), e);
        }
    }
}
