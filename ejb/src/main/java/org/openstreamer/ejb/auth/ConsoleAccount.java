package org.openstreamer.ejb.auth;

/** A login as the console's user list shows it: a name and its one role ({@code admin} or {@code viewer}). */
public record ConsoleAccount(String username, String role) {
}
