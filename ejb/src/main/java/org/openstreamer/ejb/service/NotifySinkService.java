package org.openstreamer.ejb.service;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.openstreamer.ejb.json.NotifySinkJson;
import org.openstreamer.ejb.model.NotifySink;
import org.openstreamer.ejb.util.Jsonp;
import org.openstreamer.ejb.validate.NotifySinkValidator;

import javax.sql.DataSource;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The event sinks stored in {@code notify_sinks}: list, read, create or replace, delete. Each change
 * is validated first and fires {@link NotifySinksChanged}, on which the notifier reloads after the
 * commit.
 */
@Stateless
public class NotifySinkService {

    @Resource(lookup = "java:jboss/datasources/MediaDS")
    private DataSource dataSource;

    @Inject
    private Event<NotifySinksChanged> changes;

    public List<NotifySink> list() {
        return query("SELECT name, definition FROM notify_sinks ORDER BY name", null);
    }

    public Optional<NotifySink> find(String name) {
        return query("SELECT name, definition FROM notify_sinks WHERE name = ?", name).stream().findFirst();
    }

    /** Creates or replaces the sink {@code s.name()}; true when it was created. */
    public boolean put(NotifySink s) {
        NotifySinkValidator.validate(s);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO notify_sinks (name, definition) VALUES (?, ?::jsonb) ON CONFLICT (name) "
                        + "DO UPDATE SET definition = EXCLUDED.definition, updated_at = now() RETURNING (xmax = 0)")) {
            ps.setString(1, s.name());
            ps.setString(2, NotifySinkJson.write(s).toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                boolean created = rs.getBoolean(1);
                changes.fire(new NotifySinksChanged(s.name()));
                return created;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("notify sink not stored: " + e.getMessage(), e);
        }
    }

    public boolean delete(String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM notify_sinks WHERE name = ?")) {
            ps.setString(1, name);
            boolean deleted = ps.executeUpdate() > 0;
            if (deleted) {
                changes.fire(new NotifySinksChanged(name));
            }
            return deleted;
        } catch (SQLException e) {
            throw new IllegalStateException("notify sink not deleted: " + e.getMessage(), e);
        }
    }

    private List<NotifySink> query(String sql, String name) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (name != null) {
                ps.setString(1, name);
            }
            List<NotifySink> sinks = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try (var reader = Jsonp.JSON.createReader(new StringReader(rs.getString(2)))) {
                        sinks.add(NotifySinkJson.read(reader.readObject(), rs.getString(1)));
                    }
                }
            }
            return sinks;
        } catch (SQLException e) {
            throw new IllegalStateException("notify sinks not read: " + e.getMessage(), e);
        }
    }
}
