package org.openstreamer.web.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.util.Optional;

/**
 * The console's sign-in, kept in the HTTP session: the form login stores the user name here and
 * {@link BasicLoginMechanism} reads it back on every /admin request (the roles are read fresh from
 * the accounts each time, so a deleted or demoted user loses access at once). The API never looks
 * at the session: it stays HTTP Basic and stateless.
 */
public final class ConsoleSession {

    public static final String LOGIN_PAGE = "/login.xhtml";
    static final String CONSOLE_PREFIX = "/admin/";
    private static final String USER = "openstreamer.console.user";

    private ConsoleSession() {
    }

    /** Whether the request is for a console page (form login) rather than the API (Basic). */
    public static boolean isConsole(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.startsWith(CONSOLE_PREFIX) || path.equals("/admin");
    }

    /** Signs {@code username} in on a new session (a session id known before the login is never reused). */
    public static void signIn(HttpServletRequest request, String username) {
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        request.getSession(true).setAttribute(USER, username);
    }

    public static Optional<String> user(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.ofNullable((String) session.getAttribute(USER));
    }

    public static void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }
}
