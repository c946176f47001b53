package org.openstreamer.connector.ingest.srt;

import org.openstreamer.connector.api.PlayAuthorizer;
import org.openstreamer.connector.api.SrtEndpoint;
import org.openstreamer.connector.api.StreamConfig;
import org.openstreamer.connector.auth.OnPublishRequest;
import org.openstreamer.connector.ingest.PublishAdmission;
import org.openstreamer.connector.ingest.PublishAuthorization;

import java.util.Map;

/**
 * Decides, inside libsrt's listen callback, whether a caller may connect and with which
 * passphrase. It only reads in-memory state (never blocks): the stream table the EJB layer keeps
 * current, and who is publishing. Rejections carry SRT reject codes 1000 + an HTTP-like status.
 * A publisher is checked by the rules every protocol shares ({@link PublishAdmission}).
 */
public final class SrtAdmission {

    public static final int MAX_STREAM_ID = 512;
    public static final int REJECT_BAD_REQUEST = 1400;
    public static final int REJECT_FORBIDDEN = 1403;
    public static final int REJECT_NOT_FOUND = 1404;
    public static final int REJECT_CONFLICT = 1409;
    public static final int REJECT_UNAVAILABLE = 1503;

    public enum Mode { PUBLISH, PLAY }

    /** What admission needs to know of the running server. */
    public interface State extends PublishAdmission.State {
        boolean isLive(String stream);

        /** Who decides about players (the web layer's playback check); by default everyone plays. */
        default PlayAuthorizer playAuthorizer() {
            return PlayAuthorizer.OPEN;
        }

        /** Why the stream may not be played here (a DRM-protected stream), or null. */
        default String playRefusal(String stream) {
            return null;
        }
    }

    public sealed interface Decision permits Accept, Reject {
    }

    /**
     * Let the caller in; {@code passphrase} null means an unencrypted connection. A publisher with
     * an {@code onPublish} request is accepted by libsrt but held (not fed to its stream) until
     * the backend answers. A player comes with what its playback check is told ({@code viewer}):
     * the reactor asks it once the caller is connected, and holds the player until it answers.
     */
    public record Accept(String stream, Mode mode, String passphrase, int latencyMs, OnPublishRequest onPublish,
                         PlayAuthorizer.Viewer viewer) implements Decision {

        public Accept(String stream, Mode mode, String passphrase, int latencyMs) {
            this(stream, mode, passphrase, latencyMs, null, null);
        }

        public Accept(String stream, Mode mode, String passphrase, int latencyMs, OnPublishRequest onPublish) {
            this(stream, mode, passphrase, latencyMs, onPublish, null);
        }
    }

    public record Reject(int code, String reason) implements Decision {
    }

    private SrtAdmission() {
    }

    /**
     * @param name the stream named by the streamid ({@code r=}, or the plain streamid), or null
     * @param mode {@code publish}, {@code request}, or null when the streamid has no {@code m=}
     */
    public static Decision decide(SrtPortRole role, String name, String mode, State state) {
        return decide(role, name, mode, null, state);
    }

    /** @param password the streamid's {@code password=}, or null: checked for publishers of a stream that has one */
    public static Decision decide(SrtPortRole role, String name, String mode, String password, State state) {
        if (role.refusal() != null) {
            return role.refusal();
        }
        String stream = role.kind().global() ? name : role.stream();
        if (stream == null || stream.isEmpty()) {
            return new Reject(REJECT_BAD_REQUEST, "the streamid must name the stream (#!::r=NAME) on the " + role.describe());
        }
        Mode direction = switch (role.kind()) {
            case STREAM_PUBLISH, GLOBAL_PUBLISH, RANGE_PUBLISH -> Mode.PUBLISH;
            case STREAM_PLAY, GLOBAL_PLAY, RANGE_PLAY, RANGE_REFUSED -> Mode.PLAY;
            case STREAM_SHARED, GLOBAL_SHARED -> mode == null ? null : switch (mode) {
                case "publish" -> Mode.PUBLISH;
                case "request" -> Mode.PLAY;
                default -> null;
            };
        };
        if (direction == null) {
            return new Reject(REJECT_BAD_REQUEST, "the streamid must say m=publish or m=request on the " + role.describe());
        }
        StreamConfig config = state.config(stream);
        if (direction == Mode.PUBLISH) {
            PublishAdmission.Refusal r = PublishAdmission.check(stream, config, config != null && state.hasPublisher(stream), password);
            if (r != null) {
                return new Reject(1000 + r.status(), r.reason());
            }
        } else if (config == null) {
            return new Reject(REJECT_NOT_FOUND, "unknown stream " + stream);
        } else if (config.disabled()) {
            return new Reject(REJECT_FORBIDDEN, "stream " + stream + " is disabled");
        } else if (!state.isLive(stream)) {
            return new Reject(REJECT_NOT_FOUND, "stream " + stream + " is not live");
        }
        String refusal = direction == Mode.PLAY ? state.playRefusal(stream) : null;
        if (refusal != null) {
            return new Reject(REJECT_FORBIDDEN, refusal);
        }
        SrtEndpoint endpoint = role.kind().usesStreamSettings() ? streamEndpoint(config, direction, role.endpoint()) : role.endpoint();
        int latency = endpoint.latencyMs() > 0 ? endpoint.latencyMs() : SrtEndpoint.DEFAULT_LATENCY_MS;
        return new Accept(stream, direction, blankToNull(endpoint.passphrase()), latency);
    }

    /**
     * The {@code on_publish} step of a publisher {@link #decide} let in, from memory only: a
     * denial the backend gave this publisher lately rejects it now (1403, so that it sees the
     * code in its handshake); a stream with a backend returns the acceptance with the request to
     * send; other decisions come back unchanged.
     *
     * @param args the streamid's key=value pairs
     */
    public static Decision authorize(Decision decision, String peerHost, Map<String, String> args, State state) {
        if (decision instanceof Accept a && a.mode() == Mode.PLAY) {
            return authorizePlayer(a, peerHost, args, state);
        }
        if (!(decision instanceof Accept a) || a.mode() != Mode.PUBLISH) {
            return decision;
        }
        PublishAuthorization auth = state.authorization();
        OnPublishRequest ask = auth.request(a.stream(), "srt", peerHost, args);
        if (ask == null) {
            return decision;
        }
        PublishAdmission.Refusal known = auth.remembered(ask);
        if (known != null) {
            return new Reject(1000 + known.status(), known.reason() + " (remembered; the backend is asked again later)");
        }
        return new Accept(a.stream(), a.mode(), a.passphrase(), a.latencyMs(), ask);
    }

    /**
     * The playback check of a player (the streamid's {@code token=}, and {@code a=} as its user
     * agent), in the handshake: a refusal known from memory (a token denied lately, a full stream or
     * server, no token under {@code no_auto_token}) rejects with 1000 + its status. Nothing is opened
     * here: the caller may still fail the handshake (a wrong passphrase), so its session is opened by
     * the reactor once it is connected.
     */
    static Decision authorizePlayer(Accept a, String peerHost, Map<String, String> args, State state) {
        PlayAuthorizer.Viewer viewer = new PlayAuthorizer.Viewer(a.stream(), peerHost, blankToNull(args.get("token")),
                null, args.get("a"), "srt");
        PlayAuthorizer.Verdict known;
        try {
            known = state.playAuthorizer().refusalKnown(viewer);
        } catch (RuntimeException e) {
            return new Reject(REJECT_UNAVAILABLE, "playback check failed: " + e.getMessage());
        }
        if (known != null && !known.allowed()) {
            return new Reject(1000 + known.status(), playRefusal(known, a.stream()));
        }
        return new Accept(a.stream(), a.mode(), a.passphrase(), a.latencyMs(), null, viewer);
    }

    /** The words a refused player and the log get. */
    public static String playRefusal(PlayAuthorizer.Verdict v, String stream) {
        return "playing " + stream + " refused: " + (v.reason() == null ? "status " + v.status() : v.reason());
    }

    /**
     * On a global or range port the stream's own settings win: its endpoint for that direction, then its
     * shared {@code srt} endpoint, then the global port's.
     */
    static SrtEndpoint streamEndpoint(StreamConfig config, Mode direction, SrtEndpoint global) {
        SrtEndpoint specific = direction == Mode.PUBLISH ? config.srtPublish() : config.srtPlay();
        for (SrtEndpoint e : new SrtEndpoint[]{specific, config.srt()}) {
            if (e != null && e.passphrase() != null && !e.passphrase().isEmpty()) {
                return e;
            }
        }
        return global;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
