package org.openstreamer.ejb.auth;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Decides one login: the account is read each time (one indexed query), so a changed password or a
 * deleted account counts at once; bcrypt runs only when these credentials were not verified
 * against the current hash in the last minutes, and never for an address that has guessed wrong
 * too often.
 */
public final class CredentialCheck {

    private final AccountStore accounts;
    private final PasswordCheck passwords;
    private final CredentialDigest digests;
    private final VerifiedCredentials verified;
    private final LoginThrottle throttle;
    private final String decoyHash;

    /**
     * @param decoyHash a hash of a random password, checked for unknown users so that they take as
     *                  long as a wrong password: timing tells nobody which user names exist
     */
    public CredentialCheck(AccountStore accounts, PasswordCheck passwords, CredentialDigest digests,
                           VerifiedCredentials verified, LoginThrottle throttle, String decoyHash) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.digests = digests;
        this.verified = verified;
        this.throttle = throttle;
        this.decoyHash = decoyHash;
    }

    public LoginResult check(String username, char[] password, String clientAddress) {
        String digest = digests.of(username, password);
        Optional<Account> account;
        try {
            account = accounts.find(username);
        } catch (SQLException e) {
            // Database outage: credentials verified minutes ago stay good, as with the realm's cache.
            return verified.lastKnownRoles(digest, username)
                    .<LoginResult>map(LoginResult.Accepted::new).orElseGet(LoginResult.Unavailable::new);
        }
        if (account.isPresent() && verified.contains(digest, username, account.get().passwordHash())) {
            return new LoginResult.Accepted(account.get().roles());
        }
        long wait = throttle.retryAfterSeconds(clientAddress);
        if (wait > 0) {
            return new LoginResult.Throttled(wait);
        }
        if (account.isEmpty()) {
            verified.forget(username);
            passwords.matches(decoyHash, password);
            throttle.failed(clientAddress);
            return new LoginResult.Refused();
        }
        if (!passwords.matches(account.get().passwordHash(), password)) {
            throttle.failed(clientAddress);
            return new LoginResult.Refused();
        }
        verified.remember(digest, username, account.get().passwordHash(), account.get().roles());
        throttle.succeeded(clientAddress);
        return new LoginResult.Accepted(account.get().roles());
    }
}
