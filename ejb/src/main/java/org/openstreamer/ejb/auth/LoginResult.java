package org.openstreamer.ejb.auth;

import java.util.Set;

/** What {@link CredentialCheck} decided about one set of credentials. */
public sealed interface LoginResult {

    record Accepted(Set<String> roles) implements LoginResult {
    }

    /** Unknown user or wrong password (never said which). */
    record Refused() implements LoginResult {
    }

    /** Too many wrong passwords from this address lately: not checked at all. */
    record Throttled(long retryAfterSeconds) implements LoginResult {
    }

    /** The accounts could not be read (database down) and the credentials were not in the cache. */
    record Unavailable() implements LoginResult {
    }
}
