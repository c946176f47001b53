package org.openstreamer.connector.ingest;

import org.openstreamer.connector.auth.OnPublishBackend;
import org.openstreamer.connector.auth.OnPublishDecision;
import org.openstreamer.connector.auth.OnPublishRequest;
import org.openstreamer.connector.ingest.PublishAdmission.Refusal;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The {@code on_publish} step of admission, the same for every protocol: after the in-memory
 * checks of {@link PublishAdmission} pass, a stream (or the publish location or template it is
 * made from) that names an {@code on_publish} backend asks it before the publisher is let in. A
 * refusal becomes a {@link Refusal}: {@code 403 publish_denied} when the backend said no,
 * {@code 503 on_publish_unavailable} when it gave no usable answer in time.
 */
public final class PublishAuthorization {

    public static final String DENIED = "publish_denied";
    public static final String UNAVAILABLE = "on_publish_unavailable";

    /** Where a stream's publishers are authorized: the backend's URL and the location it was configured on. */
    public record Target(String backend, String location) {
    }

    /** Asks no one: for engines without a backend (tests). */
    public static final PublishAuthorization NONE = new PublishAuthorization(stream -> null, null);

    private final Function<String, Target> targets;
    private final OnPublishBackend backend;

    /** @param targets the target of a stream name, or null when it has no on_publish; memory only */
    public PublishAuthorization(Function<String, Target> targets, OnPublishBackend backend) {
        this.targets = targets;
        this.backend = backend;
    }

    /**
     * What to ask about this publisher, or null when its stream has no {@code on_publish}.
     *
     * @param peer the publisher's address, with or without {@code :port}
     */
    public OnPublishRequest request(String stream, String proto, String peer, Map<String, String> args) {
        Target t = backend == null ? null : targets.apply(stream);
        if (t == null || t.backend() == null || t.backend().isBlank()) {
            return null;
        }
        return new OnPublishRequest(t.backend(), stream, t.location(), proto, args, hostOf(peer));
    }

    /** A denial the backend gave this publisher lately, or null; never blocks (libsrt's listen callback calls it). */
    public Refusal remembered(OnPublishRequest request) {
        OnPublishDecision d = backend.remembered(request);
        return d == null ? null : refusal(d);
    }

    /** The backend's answer as a refusal, or null when it lets the publisher in; completes within the deadline. */
    public CompletableFuture<Refusal> ask(OnPublishRequest request) {
        return backend.ask(request).thenApply(PublishAuthorization::refusal);
    }

    /** As {@link #ask}, waiting for it: for threads that belong to one connection (RTMP, HTTP). */
    public Refusal await(OnPublishRequest request) {
        CompletableFuture<Refusal> answer = ask(request);
        try {
            // ask() completes by its deadline; the margin only guards against a stuck executor.
            return answer.get(backend.deadline().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refusal(OnPublishDecision.unavailable("interrupted while waiting for the on_publish backend"));
        } catch (ExecutionException | TimeoutException e) {
            return refusal(OnPublishDecision.unavailable("the on_publish backend " + request.backend()
                    + " did not answer within " + backend.deadline().toMillis() + " ms"));
        }
    }

    static Refusal refusal(OnPublishDecision d) {
        return switch (d.verdict()) {
            case ALLOW -> null;
            case DENY, REFUSE -> new Refusal(PublishAdmission.FORBIDDEN, DENIED, d.reason());
            case UNAVAILABLE -> new Refusal(PublishAdmission.UNAVAILABLE, UNAVAILABLE, d.reason());
        };
    }

    /** {@code 198.51.100.7} of {@code 198.51.100.7:40112}, {@code ::1} of {@code [::1]:40112}. */
    static String hostOf(String peer) {
        if (peer == null) {
            return null;
        }
        if (peer.startsWith("[")) {
            int end = peer.indexOf(']');
            return end > 0 ? peer.substring(1, end) : peer;
        }
        int colon = peer.lastIndexOf(':');
        // One colon: host:port. More: a bare IPv6 address, or Java's "0:0:0:0:0:0:0:1" + ":port".
        if (colon > 0 && peer.indexOf(':') == colon) {
            return peer.substring(0, colon);
        }
        if (colon > 0 && peer.chars().filter(c -> c == ':').count() == 8) {
            return peer.substring(0, colon);
        }
        return peer;
    }
}
