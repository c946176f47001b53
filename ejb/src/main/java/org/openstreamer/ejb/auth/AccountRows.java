package org.openstreamer.ejb.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Reads one login from {@code users} and {@code user_roles}, the tables WildFly's realm reads too. */
final class AccountRows {

    private static final String SQL = "SELECT u.password_hash, r.role FROM users u "
            + "LEFT JOIN user_roles r ON r.username = u.username WHERE u.username = ?";

    private AccountRows() {
    }

    static Optional<Account> find(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                String hash = null;
                Set<String> roles = new HashSet<>();
                while (rs.next()) {
                    hash = rs.getString(1);
                    if (rs.getString(2) != null) {
                        roles.add(rs.getString(2));
                    }
                }
                return hash == null ? Optional.empty() : Optional.of(new Account(hash, roles));
            }
        }
    }
}
