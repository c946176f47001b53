package org.openstreamer.web.auth;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openstreamer.ejb.auth.AccountAdmin;
import org.openstreamer.ejb.auth.ApiLogin;
import org.openstreamer.ejb.auth.LoginResult;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * How requests sign in. The console (/admin) uses a form login kept in the session
 * ({@link ConsoleSession}): a page needing a login redirects there. Everything else (API, archive,
 * metrics) uses HTTP Basic, checked by {@link ApiLogin}: repeated
 * requests with the same credentials cost a cache lookup instead of a bcrypt check, and an address
 * that guessed wrong too often gets 429 with {@code Retry-After}. Credentials sent to an unprotected
 * address are checked too, so the archive can tell an admin from a viewer.
 */
@ApplicationScoped
public class BasicLoginMechanism implements HttpAuthenticationMechanism {

    static final String CHALLENGE = "Basic realm=\"OpenStreamer\", charset=\"UTF-8\"";
    static final int TOO_MANY_REQUESTS = 429;
    /** How long a client should wait when the accounts cannot be read. */
    static final String DATABASE_RETRY_SECONDS = "5";

    @EJB
    private ApiLogin login;

    @EJB
    private AccountAdmin accounts;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if (ConsoleSession.isConsole(request)) {
            return console(request, response, context);
        }
        Optional<BasicCredentials> credentials = BasicCredentials.parse(request.getHeader("Authorization"));
        if (credentials.isEmpty()) {
            return context.isProtected() ? challenge(response, context) : context.doNothing();
        }
        BasicCredentials c = credentials.get();
        LoginResult result;
        try {
            result = login.check(c.username(), c.password(), request.getRemoteAddr());
        } finally {
            Arrays.fill(c.password(), '\0');
        }
        if (result instanceof LoginResult.Accepted accepted) {
            return context.notifyContainerAboutLogin(c.username(), accepted.roles());
        }
        if (result instanceof LoginResult.Throttled throttled) {
            return refuse(response, TOO_MANY_REQUESTS, Long.toString(throttled.retryAfterSeconds()));
        }
        if (result instanceof LoginResult.Unavailable) {
            return refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, DATABASE_RETRY_SECONDS);
        }
        return challenge(response, context);
    }

    /** A console request: signed in through the session with the account's current roles, or sent to the login page. */
    private AuthenticationStatus console(HttpServletRequest request, HttpServletResponse response,
                                         HttpMessageContext context) {
        Optional<String> user = ConsoleSession.user(request);
        if (user.isPresent()) {
            Optional<Set<String>> roles;
            try {
                roles = accounts.roles(user.get());
            } catch (RuntimeException e) {
                return refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, DATABASE_RETRY_SECONDS);
            }
            if (roles.isPresent()) {
                return context.notifyContainerAboutLogin(user.get(), roles.get());
            }
            ConsoleSession.signOut(request); // the account was deleted
        }
        return context.isProtected() ? toLoginPage(request, response) : context.doNothing();
    }

    /** A page load is redirected; a Faces AJAX request (a poll after the session expired) gets a partial-response redirect. */
    private static AuthenticationStatus toLoginPage(HttpServletRequest request, HttpServletResponse response) {
        String target = request.getContextPath() + ConsoleSession.LOGIN_PAGE;
        try {
            if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
                response.setContentType("text/xml;charset=UTF-8");
                response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                        + target + "\"/></partial-response>");
            } else {
                response.sendRedirect(target);
            }
        } catch (IOException e) {
            // the client went away
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }

    private static AuthenticationStatus challenge(HttpServletResponse response, HttpMessageContext context) {
        response.setHeader("WWW-Authenticate", CHALLENGE);
        return context.responseUnauthorized();
    }

    /** The error page (JsonErrorServlet) writes the JSON body; headers set before sendError stay. */
    private static AuthenticationStatus refuse(HttpServletResponse response, int status, String retryAfter) {
        response.setHeader("Retry-After", retryAfter);
        try {
            response.sendError(status);
        } catch (IOException e) {
            // the client went away; nothing to tell it
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
