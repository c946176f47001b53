package org.openstreamer.ejb.auth;

/** The slow check of a password against its stored hash (bcrypt in the server). */
@FunctionalInterface
public interface PasswordCheck {

    boolean matches(String passwordHash, char[] password);
}
