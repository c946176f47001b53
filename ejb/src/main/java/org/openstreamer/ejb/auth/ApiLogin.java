package org.openstreamer.ejb.auth;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.openstreamer.ejb.service.PasswordHasher;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The server's login check for HTTP Basic credentials (API, console, archive): a
 * {@link CredentialCheck} over the {@code users} table with bcrypt, a cache of verified credentials
 * and a per-address limit of wrong passwords. Thread-safe without container locks; no transaction.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ApiLogin {

    @Resource(lookup = "java:jboss/datasources/MediaDS")
    private DataSource dataSource;

    private CredentialCheck check;

    @PostConstruct
    void init() {
        Config config = ConfigProvider.getConfig();
        long ttl = setting(config, "openstreamer.auth.cache-seconds", 300) * 1000L;
        int size = setting(config, "openstreamer.auth.cache-size", 1000);
        int failures = setting(config, "openstreamer.auth.max-failures", 10);
        long window = setting(config, "openstreamer.auth.failure-window-seconds", 60) * 1000L;
        check = new CredentialCheck(this::find, PasswordHasher::verify, new CredentialDigest(),
                new VerifiedCredentials(size, ttl, System::currentTimeMillis),
                new LoginThrottle(failures, window, 10_000, System::currentTimeMillis),
                PasswordHasher.hash(PasswordHasher.generate(20).toCharArray()));
    }

    public LoginResult check(String username, char[] password, String clientAddress) {
        return check.check(username, password, clientAddress);
    }

    private Optional<Account> find(String username) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return AccountRows.find(c, username);
        }
    }

    private static int setting(Config config, String name, int fallback) {
        int value = config.getOptionalValue(name, Integer.class).orElse(fallback);
        if (value < 1) {
            throw new IllegalStateException(name + " must be at least 1, not " + value);
        }
        return value;
    }
}
