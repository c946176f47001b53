package org.openstreamer.web.playback;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openstreamer.ejb.model.PlaybackDefaults;
import org.openstreamer.ejb.model.StreamOptions;
import org.openstreamer.ejb.service.ServerConfigService;
import org.openstreamer.ejb.service.StreamLookup;
import org.openstreamer.ejb.auth.AuthBackendRules;
import org.openstreamer.ejb.auth.RefererDomains;
import org.openstreamer.ejb.validate.StreamOptionsValidator;
import org.openstreamer.web.playback.auth.AuthRules;
import org.openstreamer.web.playback.auth.Decision;
import org.openstreamer.web.playback.auth.PlayPolicy;
import org.openstreamer.web.playback.auth.PlayRequest;
import org.openstreamer.web.playback.auth.PlaybackGate;
import org.openstreamer.web.util.ApiError;
import org.openstreamer.web.util.Json;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The servlet side of {@link PlaybackGate}: every playback request the I/O-thread handler did not
 * answer (a new viewer, MPEG-TS, the archive) is decided here. A backend question suspends the
 * request (async) and dispatches it again with the decision, so no worker thread waits on a backend.
 */
final class PlaybackCheck {

    /** The decision a dispatched request carries back into the filter. */
    static final String DECISION = PlaybackCheck.class.getName() + ".decision";
    /** Sentinel for a stream without a policy: play, untracked. */
    static final Decision UNTRACKED = new Decision(null, 200, null, null);
    /** The longest a request waits for a decision (the backend's own timeout is shorter). */
    private static final long WAIT_MS = 10_000;

    private final PlaybackGate gate;
    private final StreamLookup lookup;
    private final ServerConfigService config;
    private final Predicate<String> isProtected;

    PlaybackCheck(PlaybackGate gate, StreamLookup lookup, ServerConfigService config) {
        this(gate, lookup, config, stream -> false);
    }

    /** @param isProtected whether a stream has DRM (its viewers then always get sessions) */
    PlaybackCheck(PlaybackGate gate, StreamLookup lookup, ServerConfigService config, Predicate<String> isProtected) {
        this.gate = gate;
        this.lookup = lookup;
        this.config = config;
        this.isProtected = isProtected;
    }

    /**
     * The decision about this request; null when the request was answered here (refused, redirected)
     * or is waiting for the backend (it comes back through the filter with the decision).
     */
    Decision admit(String stream, String[] typeAndRequest, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        Decision d = (Decision) req.getAttribute(DECISION);
        if (d == null) {
            PlayPolicy policy;
            try {
                policy = gate.policy(stream, this::load);
            } catch (RuntimeException e) {
                error(resp, 503, "config_unavailable", "The stream's playback settings could not be read.");
                return null;
            }
            if (!policy.refererAllowed(req.getHeader("Referer"))) {
                error(resp, 403, PlaybackGate.REFERER_DENIED, Decision.refuse(PlaybackGate.REFERER_DENIED).message());
                return null;
            }
            if (!policy.active()) {
                return UNTRACKED;
            }
            PlayRequest request = new PlayRequest(stream, req.getRemoteAddr(), req.getParameter("token"),
                    req.getHeader("Referer"), req.getHeader("User-Agent"), typeAndRequest[0], typeAndRequest[1]);
            CompletableFuture<Decision> pending = gate.admit(request, policy);
            if (!pending.isDone()) {
                AsyncContext async = req.startAsync();
                async.setTimeout(WAIT_MS);
                pending.whenComplete((decided, e) -> {
                    req.setAttribute(DECISION, decided != null ? decided : Decision.refuse("backend_unavailable"));
                    async.dispatch();
                });
                return null;
            }
            d = pending.join();
        }
        if (d.allowed()) {
            req.setAttribute(PlaybackGate.TOKEN_ATTRIBUTE, d.session().key().token());
            return d;
        }
        if (d.location() != null) {
            resp.setHeader("Location", d.location());
            resp.setStatus(302);
            return null;
        }
        error(resp, d.status(), d.reason(), d.message());
        return null;
    }

    /** The stream's settings over the server's; a name no stream is found for (an external one) gets the server's. */
    PlayPolicy load(String stream) {
        PlaybackDefaults server = config.get().playback();
        PlayPolicy p = policy(lookup.find(stream).map(f -> f.definition().options()).orElse(null), server);
        return isProtected.test(stream) ? p.withDrm() : p;
    }

    /** The stream's settings over the server's: on_play and soft_limitation fall back to the server's; domains are the stream's own. */
    static PlayPolicy policy(StreamOptions stream, PlaybackDefaults server) {
        String onPlay = stream != null && stream.onPlay() != null ? stream.onPlay() : server.onPlay();
        URI url = onPlay == null || onPlay.isBlank() ? null : URI.create(onPlay);
        boolean soft = stream != null && stream.softLimitation() != null ? stream.softLimitation() : server.softLimitation();
        RefererDomains domains = stream == null || stream.domains().isEmpty() ? null : RefererDomains.parse(stream.domains());
        return new PlayPolicy(url, stream == null ? null : stream.maxSessions(), server.maxSessions(), server.noAutoToken(),
                rules(url, server), false, soft, domains);
    }

    /** The rules of the auth_backend {@code url} names ({@code auth://NAME}), or null (none of that name: viewers are not let in). */
    static AuthRules rules(URI url, PlaybackDefaults server) {
        if (!PlayPolicy.named(url)) {
            return null;
        }
        List<String> lines = server.authBackends().get(url.toString().substring(StreamOptionsValidator.AUTH.length()));
        return lines == null ? null : new AuthRules(AuthBackendRules.parse(lines)); // checked when stored
    }

    private static void error(HttpServletResponse resp, int status, String code, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        Json.JSONB.toJson(ApiError.of(code, message), resp.getWriter());
    }
}
