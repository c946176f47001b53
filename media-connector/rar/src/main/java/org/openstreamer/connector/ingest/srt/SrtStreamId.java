package org.openstreamer.connector.ingest.srt;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A caller's SRT stream id, parsed. Two forms are accepted:
 * <ul>
 *   <li>the SRT access-control form {@code #!::key=value,key=value}, with the keys {@code r}
 *       (stream name), {@code m} ({@code publish} or {@code request}), {@code s} (session),
 *       {@code a} (agent) and {@code password}; other keys are ignored, a value runs to the next
 *       comma and may contain {@code =}, and a known key may appear once;</li>
 *   <li>any other text, taken whole as the stream name.</li>
 * </ul>
 * An absent or empty stream id is valid and names nothing. Anything longer than
 * {@link #MAX_LENGTH} characters is refused (libsrt itself never carries more than 512 bytes).
 *
 * <p>{@link #parse} never throws: a bad stream id comes back with {@link #error()} set (the
 * server answers it with reject reason 1400), so the listen callback on libsrt's thread has no
 * exception to catch. {@link #toString()} hides the password.
 */
public final class SrtStreamId {

    public static final int MAX_LENGTH = 512;
    public static final String PREFIX = "#!::";

    /** What the caller wants to do, from {@code m=}. */
    public enum Mode {
        /** The caller sends media. */
        PUBLISH,
        /** The caller wants to receive media. */
        REQUEST,
        /** No {@code m=} given: the port decides (the SRT access-control document's default is request). */
        UNSPECIFIED
    }

    /** Why a stream id was refused. */
    public enum Error {
        TOO_LONG,
        /** An item without {@code =}, with an empty key, or empty (two commas in a row). */
        MALFORMED_PAIR,
        /** {@code m=} with something other than {@code publish} or {@code request}. */
        BAD_MODE,
        /** A known key given twice. */
        DUPLICATE_KEY
    }

    /** The keys this server reads, in the order of the indexes below. */
    private static final String[] KEYS = {"r", "m", "s", "a", "password"};
    private static final int NAME = 0;
    private static final int MODE = 1;
    private static final int SESSION = 2;
    private static final int AGENT = 3;
    private static final int PASSWORD = 4;

    private static final SrtStreamId EMPTY = new SrtStreamId("", "", Mode.UNSPECIFIED, null, null, null, null, null, Map.of());

    private final String raw;
    private final String name;
    private final Mode mode;
    private final String session;
    private final String agent;
    private final String password;
    private final Error error;
    private final String errorDetail;
    private final Map<String, String> args;

    private SrtStreamId(String raw, String name, Mode mode, String session, String agent, String password,
                        Error error, String errorDetail, Map<String, String> args) {
        this.args = args;
        this.raw = raw;
        this.name = name;
        this.mode = mode;
        this.session = session;
        this.agent = agent;
        this.password = password;
        this.error = error;
        this.errorDetail = errorDetail;
    }

    public static SrtStreamId parse(String streamId) {
        if (streamId == null || streamId.isEmpty()) {
            return EMPTY;
        }
        if (streamId.length() > MAX_LENGTH) {
            return failed(streamId, Error.TOO_LONG, streamId.length() + " characters, at most " + MAX_LENGTH);
        }
        if (!streamId.startsWith(PREFIX)) {
            return new SrtStreamId(streamId, streamId, Mode.UNSPECIFIED, null, null, null, null, null, Map.of());
        }
        return parsePairs(streamId);
    }

    private static SrtStreamId parsePairs(String raw) {
        String[] values = new String[KEYS.length];
        Map<String, String> args = new LinkedHashMap<>();
        int start = PREFIX.length();
        int item = 0;
        while (start < raw.length()) {
            int comma = raw.indexOf(',', start);
            int end = comma < 0 ? raw.length() : comma;
            int eq = raw.indexOf('=', start);
            item++;
            if (eq < 0 || eq >= end || eq == start) {
                return failed(raw, Error.MALFORMED_PAIR, "item " + item + " is not key=value");
            }
            String key = raw.substring(start, eq);
            int k = keyIndex(key);
            if (k >= 0) {   // unknown keys are ignored
                if (values[k] != null) {
                    return failed(raw, Error.DUPLICATE_KEY, "key '" + key + "' given twice");
                }
                values[k] = raw.substring(eq + 1, end);
            }
            args.putIfAbsent(key, raw.substring(eq + 1, end));
            if (comma < 0) {
                break;
            }
            start = comma + 1;
            if (start == raw.length()) {
                return failed(raw, Error.MALFORMED_PAIR, "trailing comma");
            }
        }
        Mode mode = Mode.UNSPECIFIED;
        String modeText = values[MODE];
        if (modeText != null) {
            switch (modeText.toLowerCase(Locale.ROOT)) {
                case "publish" -> mode = Mode.PUBLISH;
                case "request" -> mode = Mode.REQUEST;
                default -> {
                    return failed(raw, Error.BAD_MODE, "m must be publish or request");
                }
            }
        }
        String name = values[NAME] == null ? "" : values[NAME];
        return new SrtStreamId(raw, name, mode, values[SESSION], values[AGENT], values[PASSWORD], null, null,
                java.util.Collections.unmodifiableMap(args));
    }

    private static int keyIndex(String key) {
        for (int i = 0; i < KEYS.length; i++) {
            if (KEYS[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static SrtStreamId failed(String raw, Error error, String detail) {
        return new SrtStreamId(raw, "", Mode.UNSPECIFIED, null, null, null, error, detail, Map.of());
    }

    public boolean isValid() {
        return error == null;
    }

    /** Why the stream id was refused, or null when it is valid. */
    public Error error() {
        return error;
    }

    /** A short explanation of {@link #error()} that does not repeat the stream id, or null. */
    public String errorDetail() {
        return errorDetail;
    }

    /** The stream id as received. */
    public String raw() {
        return raw;
    }

    /** The stream name ({@code r=}, or the whole plain text); "" when none was given. */
    public String name() {
        return name;
    }

    public Mode mode() {
        return mode;
    }

    /** {@code s=}, or null. */
    public String session() {
        return session;
    }

    /** {@code a=}, or null. */
    public String agent() {
        return agent;
    }

    /**
     * Every {@code key=value} pair of the access-control form, unknown keys included (the first
     * of a key given twice), in order: the publisher's arguments for {@code on_publish}. Empty for
     * a plain stream id.
     */
    public Map<String, String> args() {
        return args;
    }

    /** {@code password=}, or null. */
    public String password() {
        return password;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SrtStreamId other && raw.equals(other.raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(raw);
    }

    @Override
    public String toString() {
        if (error != null) {
            return "SrtStreamId[" + error + ": " + errorDetail + "]";
        }
        return "SrtStreamId[name=" + name + ", mode=" + mode
                + (session == null ? "" : ", session=" + session)
                + (agent == null ? "" : ", agent=" + agent)
                + (password == null ? "" : ", password=***") + "]";
    }
}
