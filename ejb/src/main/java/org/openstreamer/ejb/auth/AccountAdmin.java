package org.openstreamer.ejb.auth;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.persistence.PersistenceException;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.service.PasswordHasher;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The console's user management over {@code users} / {@code user_roles}, the rows the logins
 * ({@link ApiLogin}, WildFly's realm) read: list, add, delete, set the role or the password. Every
 * login has one role, {@code admin} or {@code viewer}. The last admin can be neither deleted nor
 * demoted, so the server always keeps a way in. Bad input is a {@link ConfigException} naming the field.
 */
@Stateless
public class AccountAdmin {

    public static final Set<String> ROLES = Set.of("admin", "viewer");
    public static final int MIN_PASSWORD_LENGTH = 8;
    /** The same rule as the {@code users.username} CHECK constraint. */
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    @Resource(lookup = "java:jboss/datasources/MediaDS")
    private DataSource dataSource;

    public List<ConsoleAccount> list() {
        return jdbc(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT u.username, min(r.role) FROM users u "
                    + "LEFT JOIN user_roles r ON r.username = u.username GROUP BY u.username ORDER BY u.username");
                 ResultSet rs = q.executeQuery()) {
                List<ConsoleAccount> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new ConsoleAccount(rs.getString(1), rs.getString(2)));
                }
                return out;
            }
        });
    }

    /** The roles of an existing login; empty when there is no such login (deleted meanwhile). */
    public Optional<Set<String>> roles(String username) {
        return jdbc(c -> AccountRows.find(c, username).map(Account::roles));
    }

    public void create(String username, char[] password, String role) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "username",
                    "A user name has 1 to 64 letters, digits or . _ @ -.");
        }
        checkRole(role);
        String hash = hash(password);
        jdbc(c -> {
            try (PreparedStatement u = c.prepareStatement(
                    "INSERT INTO users (username, password_hash) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                u.setString(1, username);
                u.setString(2, hash);
                if (u.executeUpdate() == 0) {
                    throw ConfigException.conflict("user_exists", "username", "There is already a user named '" + username + "'.");
                }
            }
            insertRole(c, username, role);
            return null;
        });
    }

    public void delete(String username) {
        jdbc(c -> {
            keepAnAdmin(c, username);
            try (PreparedStatement d = c.prepareStatement("DELETE FROM users WHERE username = ?")) {
                d.setString(1, username);
                if (d.executeUpdate() == 0) {
                    throw noSuchUser(username);
                }
            }
            return null;
        });
    }

    public void setRole(String username, String role) {
        checkRole(role);
        jdbc(c -> {
            exists(c, username);
            if (!"admin".equals(role)) {
                keepAnAdmin(c, username);
            }
            try (PreparedStatement d = c.prepareStatement("DELETE FROM user_roles WHERE username = ?")) {
                d.setString(1, username);
                d.executeUpdate();
            }
            insertRole(c, username, role);
            return null;
        });
    }

    public void setPassword(String username, char[] password) {
        String hash = hash(password);
        jdbc(c -> {
            try (PreparedStatement u = c.prepareStatement("UPDATE users SET password_hash = ? WHERE username = ?")) {
                u.setString(1, hash);
                u.setString(2, username);
                if (u.executeUpdate() == 0) {
                    throw noSuchUser(username);
                }
            }
            return null;
        });
    }

    /** A user changes their own password: the current one must be right. */
    public void changeOwnPassword(String username, char[] current, char[] next) {
        Optional<Account> account = jdbc(c -> AccountRows.find(c, username));
        if (account.isEmpty() || !PasswordHasher.verify(account.get().passwordHash(), current)) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "current", "The current password is wrong.");
        }
        setPassword(username, next);
    }

    private static String hash(char[] password) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "password",
                    "A password has at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        return PasswordHasher.hash(password);
    }

    private static void checkRole(String role) {
        if (!ROLES.contains(role)) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "role", "The role is admin or viewer.");
        }
    }

    private static void insertRole(Connection c, String username, String role) throws SQLException {
        try (PreparedStatement r = c.prepareStatement("INSERT INTO user_roles (username, role) VALUES (?, ?)")) {
            r.setString(1, username);
            r.setString(2, role);
            r.executeUpdate();
        }
    }

    private static void exists(Connection c, String username) throws SQLException {
        if (AccountRows.find(c, username).isEmpty()) {
            throw noSuchUser(username);
        }
    }

    /** Locks the admins' rows (two concurrent demotions cannot both pass) and refuses to remove the last one. */
    private static void keepAnAdmin(Connection c, String username) throws SQLException {
        List<String> admins = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT username FROM user_roles WHERE role = 'admin' FOR UPDATE");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                admins.add(rs.getString(1));
            }
        }
        if (admins.size() == 1 && admins.get(0).equals(username)) {
            throw ConfigException.conflict("last_admin", "role", "'" + username + "' is the last admin; make another admin first.");
        }
    }

    private static ConfigException noSuchUser(String username) {
        return ConfigException.invalid(ConfigException.NOT_FOUND, "username", "There is no user named '" + username + "'.");
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T jdbc(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new PersistenceException("reading or writing the users failed", e);
        }
    }
}
