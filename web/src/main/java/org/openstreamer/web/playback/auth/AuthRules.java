package org.openstreamer.web.playback.auth;

import org.openstreamer.ejb.auth.AuthBackendRules;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A named {@code auth_backend} ({@link AuthBackendRules}) deciding about a viewer: its rules, evaluated in the reference's fixed order whatever their
 * order in the block (allow token, deny token, allow ip, deny ip, allow ua, deny ua, then every
 * {@code backend} asked in parallel, then the default); the first that matches decides. Of the
 * backends, the first to allow wins; without an allow, a denial denies; with neither (no answer,
 * another status), the viewer is not opened (as one backend that does not answer). Without any
 * match the default decides: deny unless {@code allow default;}.
 * A {@code ua} rule matches a User-Agent that contains its text.
 */
public final class AuthRules {

    private final AuthBackendRules rules;

    public AuthRules(AuthBackendRules rules) {
        this.rules = rules;
    }

    /**
     * The answer for this viewer: from the rules at once, or from the backends ({@code ask} asks one)
     * when no rule before them matched and there are any.
     */
    public CompletableFuture<BackendAnswer> decide(PlayRequest r, Function<URI, CompletableFuture<BackendAnswer>> ask) {
        BackendAnswer.Verdict v = local(r);
        return v != null ? done(v) : anyAllows(rules.backends().stream().map(ask).toList());
    }

    /**
     * What the rules say without asking anyone: ALLOW or DENY by a token, ip or ua rule, or by the
     * default when the block has no backends; null when the backends would be asked. Cheap and
     * never blocks, so an SRT handshake can use it in libsrt's listen callback.
     */
    public BackendAnswer.Verdict local(PlayRequest r) {
        String token = r.token();
        if (token != null && rules.allowTokens().contains(token)) {
            return BackendAnswer.Verdict.ALLOW;
        }
        if (token != null && rules.denyTokens().contains(token)) {
            return BackendAnswer.Verdict.DENY;
        }
        if (r.ip() != null && rules.allowIps().stream().anyMatch(ip -> ip.contains(r.ip()))) {
            return BackendAnswer.Verdict.ALLOW;
        }
        if (r.ip() != null && rules.denyIps().stream().anyMatch(ip -> ip.contains(r.ip()))) {
            return BackendAnswer.Verdict.DENY;
        }
        String ua = r.userAgent();
        if (ua != null && rules.allowAgents().stream().anyMatch(ua::contains)) {
            return BackendAnswer.Verdict.ALLOW;
        }
        if (ua != null && rules.denyAgents().stream().anyMatch(ua::contains)) {
            return BackendAnswer.Verdict.DENY;
        }
        if (rules.backends().isEmpty()) {
            return rules.allowDefault() ? BackendAnswer.Verdict.ALLOW : BackendAnswer.Verdict.DENY;
        }
        return null;
    }

    /** The first allow, as soon as it comes; once all answered without one, {@link #combined}. */
    private CompletableFuture<BackendAnswer> anyAllows(List<CompletableFuture<BackendAnswer>> answers) {
        CompletableFuture<BackendAnswer> result = new CompletableFuture<>();
        AtomicInteger left = new AtomicInteger(answers.size());
        for (CompletableFuture<BackendAnswer> a : answers) {
            a.whenComplete((answer, e) -> {
                if (answer != null && answer.verdict() == BackendAnswer.Verdict.ALLOW) {
                    result.complete(answer);
                } else if (left.decrementAndGet() == 0 && !result.isDone()) {
                    result.complete(combined(answers));
                }
            });
        }
        return result;
    }

    /**
     * No backend allowed: the first denial denies (and bans for its X-AuthDuration), else the first
     * redirect redirects; when none gave a usable answer, {@code allow default} allows, and
     * otherwise the viewer is not opened and not banned either (as when one backend is down).
     */
    private BackendAnswer combined(List<CompletableFuture<BackendAnswer>> answers) {
        BackendAnswer redirect = null;
        for (CompletableFuture<BackendAnswer> f : answers) {
            BackendAnswer a = f.isCompletedExceptionally() ? BackendAnswer.UNKNOWN : f.getNow(BackendAnswer.UNKNOWN);
            if (a.verdict() == BackendAnswer.Verdict.DENY) {
                return a;
            }
            if (a.verdict() == BackendAnswer.Verdict.REDIRECT && redirect == null) {
                redirect = a;
            }
        }
        return redirect != null ? redirect : rules.allowDefault() ? done(BackendAnswer.Verdict.ALLOW).join() : BackendAnswer.UNKNOWN;
    }

    private static CompletableFuture<BackendAnswer> done(BackendAnswer.Verdict v) {
        return CompletableFuture.completedFuture(new BackendAnswer(v, null, null, null, BackendAnswer.DEFAULT_AUTH_SECONDS));
    }
}
