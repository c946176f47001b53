package org.openstreamer.ejb.auth;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class CredentialCheckTest {

    private static final String CLIENT = "192.0.2.7";

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Map<String, Account> accounts = new HashMap<>();
    private final AtomicBoolean databaseDown = new AtomicBoolean();
    /** Counts the slow checks; a "hash" here is "h:" + the password. */
    private final AtomicInteger slowChecks = new AtomicInteger();
    private final CredentialCheck check = new CredentialCheck(
            this::find,
            (hash, password) -> {
                slowChecks.incrementAndGet();
                return hash.equals("h:" + new String(password));
            },
            new CredentialDigest(),
            new VerifiedCredentials(100, 300_000, now::get),
            new LoginThrottle(3, 60_000, 100, now::get),
            "h:decoy");

    private Optional<Account> find(String username) throws SQLException {
        if (databaseDown.get()) {
            throw new SQLException("connection refused");
        }
        return Optional.ofNullable(accounts.get(username));
    }

    private LoginResult login(String user, String password) {
        return check.check(user, password.toCharArray(), CLIENT);
    }

    @Test
    void theSecondLoginWithTheSameCredentialsSkipsTheSlowCheck() {
        accounts.put("ops", new Account("h:right", Set.of("viewer")));
        assertEquals(new LoginResult.Accepted(Set.of("viewer")), login("ops", "right"));
        assertEquals(new LoginResult.Accepted(Set.of("viewer")), login("ops", "right"));
        assertEquals(new LoginResult.Accepted(Set.of("viewer")), login("ops", "right"));
        assertEquals(1, slowChecks.get());
    }

    @Test
    void aWrongPasswordIsNeverCached() {
        accounts.put("ops", new Account("h:right", Set.of("viewer")));
        assertInstanceOf(LoginResult.Refused.class, login("ops", "wrong"));
        assertInstanceOf(LoginResult.Refused.class, login("ops", "wrong"));
        assertEquals(2, slowChecks.get(), "each wrong password is checked");
    }

    @Test
    void afterExpiryTheSlowCheckRunsAgain() {
        accounts.put("ops", new Account("h:right", Set.of("viewer")));
        login("ops", "right");
        now.addAndGet(300_000);
        assertInstanceOf(LoginResult.Accepted.class, login("ops", "right"));
        assertEquals(2, slowChecks.get());
    }

    @Test
    void aChangedPasswordRefusesTheOldOneAtOnce() {
        accounts.put("ops", new Account("h:old", Set.of("viewer")));
        login("ops", "old");
        accounts.put("ops", new Account("h:new", Set.of("viewer")));
        assertInstanceOf(LoginResult.Refused.class, login("ops", "old"));
        assertInstanceOf(LoginResult.Accepted.class, login("ops", "new"));
    }

    @Test
    void aDeletedAccountIsRefusedAtOnce() {
        accounts.put("ops", new Account("h:right", Set.of("viewer")));
        login("ops", "right");
        accounts.remove("ops");
        assertInstanceOf(LoginResult.Refused.class, login("ops", "right"));
        accounts.put("ops", new Account("h:right", Set.of("viewer")));
        login("ops", "right");
        assertEquals(3, slowChecks.get(), "the decoy for the missing account, then checked again when re-created");
    }

    @Test
    void rolesAreTheCurrentOnes() {
        accounts.put("ops", new Account("h:right", Set.of("viewer")));
        login("ops", "right");
        accounts.put("ops", new Account("h:right", Set.of("admin")));
        assertEquals(new LoginResult.Accepted(Set.of("admin")), login("ops", "right"));
    }

    @Test
    void tooManyWrongPasswordsFromOneAddressAreNotCheckedAnyMore() {
        accounts.put("ops", new Account("h:right", Set.of("viewer")));
        accounts.put("admin", new Account("h:admin-pass", Set.of("admin")));
        login("admin", "admin-pass"); // verified before the attack
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(LoginResult.Refused.class, login("ops", "guess" + i));
        }
        int before = slowChecks.get();
        assertEquals(new LoginResult.Throttled(60), login("ops", "guess3"));
        assertEquals(new LoginResult.Throttled(60), login("ops", "right"), "not even the right one is checked");
        assertInstanceOf(LoginResult.Throttled.class, login("nobody", "x"));
        assertEquals(before, slowChecks.get());
        assertInstanceOf(LoginResult.Accepted.class, login("admin", "admin-pass"), "verified credentials still pass");
        assertInstanceOf(LoginResult.Accepted.class,
                check.check("ops", "right".toCharArray(), "192.0.2.8"), "other addresses are not affected");
        now.addAndGet(60_000);
        assertInstanceOf(LoginResult.Accepted.class, login("ops", "right"));
    }

    @Test
    void unknownUsersCostAsMuchAsAWrongPasswordAndCountAsFailures() {
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(LoginResult.Refused.class, login("nobody" + i, "x"));
        }
        assertEquals(3, slowChecks.get(), "checked against the decoy hash");
        assertInstanceOf(LoginResult.Throttled.class, login("nobody", "x"));
    }

    @Test
    void duringADatabaseOutageOnlyRecentlyVerifiedCredentialsPass() {
        accounts.put("ops", new Account("h:right", Set.of("viewer")));
        login("ops", "right");
        databaseDown.set(true);
        assertEquals(new LoginResult.Accepted(Set.of("viewer")), login("ops", "right"));
        assertInstanceOf(LoginResult.Unavailable.class, login("ops", "wrong"));
        now.addAndGet(300_000);
        assertInstanceOf(LoginResult.Unavailable.class, login("ops", "right"));
    }
}
