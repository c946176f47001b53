package org.openstreamer.ejb.auth;

import java.util.Set;

/** A login as stored now: its bcrypt hash (modular-crypt form) and its roles. */
public record Account(String passwordHash, Set<String> roles) {

    public Account {
        roles = Set.copyOf(roles);
    }
}
