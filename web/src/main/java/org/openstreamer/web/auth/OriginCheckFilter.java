package org.openstreamer.web.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Cross-site request forgery guard for the console's form posts (the Faces view state is the
 * other half): a POST must come from a page of this server, as its {@code Origin} header says, or,
 * for a client that sends none, its {@code Referer}. A post with neither, or from elsewhere, gets 403.
 * The API is not covered: it takes no cookies, only credentials sent with each request.
 */
@WebFilter(urlPatterns = {"/admin/*", ConsoleSession.LOGIN_PAGE})
public class OriginCheckFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("POST".equals(request.getMethod()) && !sameOrigin(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "cross-site form post refused");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean sameOrigin(HttpServletRequest request) {
        String host = request.getHeader("Host");
        if (host == null) {
            return false;
        }
        String self = request.getScheme() + "://" + host;
        String origin = request.getHeader("Origin");
        if (origin != null) {
            return origin.equalsIgnoreCase(self);
        }
        String referer = request.getHeader("Referer");
        return referer != null && (referer.equalsIgnoreCase(self) || referer.regionMatches(true, 0, self + "/", 0, self.length() + 1));
    }
}
