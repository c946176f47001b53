package org.openstreamer.ejb.validate;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.openstreamer.ejb.error.ConfigException;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The per-input options besides {@code url}, {@code priority} and {@code source_timeout}, with the
 * JSON type each takes. They are stored with the input and returned as given; the engine acts on
 * them as the protocols that use them arrive.
 */
public enum InputOption {
    /** User-Agent header of HTTP pulls (tshttp, hls). */
    USER_AGENT(Type.STRING, 0, 0),
    /** Extra HTTP request headers of pulls: an object of header name to value. */
    HEADERS(Type.STRING_MAP, 0, 0),
    /** Track numbers to keep (1-based), e.g. [1] to drop the audio of a camera. */
    TRACKS(Type.INTEGER_LIST, 1, 64),
    /** MPTS program number to take from an MPEG-TS source. */
    PROGRAM(Type.INTEGER, 1, 65535),
    /** MPEG-TS PIDs to take from the source. */
    PIDS(Type.INTEGER_LIST, 0, 8191),
    /** Whether subtitles are kept (default true). */
    ALLOW_SUBTITLES(Type.BOOLEAN, 0, 0),
    /** Whether the NIT table is passed through. */
    BYPASS_NIT(Type.BOOLEAN, 0, 0),
    /** Whether DVB bitmap subtitles go through OCR into WebVTT. */
    DVBSUBS_OCR(Type.BOOLEAN, 0, 0),
    /** Whether an HLS source skips the wait for new segments at start. */
    SKIP_STALLED_CHECK(Type.BOOLEAN, 0, 0);

    enum Type { STRING, STRING_MAP, INTEGER, INTEGER_LIST, BOOLEAN }

    static final int MAX_STRING = 1024;
    private static final java.util.regex.Pattern HEADER_NAME = java.util.regex.Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");
    private static final java.util.Set<String> RESERVED_HEADERS = java.util.Set.of("host", "connection", "content-length",
            "transfer-encoding");

    private final Type type;
    private final int min;
    private final int max;

    InputOption(Type type, int min, int max) {
        this.type = type;
        this.min = min;
        this.max = max;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<InputOption> of(String key) {
        return Arrays.stream(values()).filter(o -> o.key().equals(key)).findFirst();
    }

    /** Refuses a value of the wrong type or out of range; {@code field} is its path in the API. */
    void check(JsonValue value, String field) {
        switch (type) {
            case STRING -> string(value, field);
            case BOOLEAN -> {
                if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
                    throw wrongType(field, "true or false");
                }
            }
            case INTEGER -> integer(value, field);
            case INTEGER_LIST -> {
                if (value.getValueType() != JsonValue.ValueType.ARRAY || value.asJsonArray().isEmpty()) {
                    throw wrongType(field, "a non-empty array of integers");
                }
                var items = value.asJsonArray();
                for (int i = 0; i < items.size(); i++) {
                    integer(items.get(i), field + "[" + i + "]");
                }
            }
            case STRING_MAP -> {
                if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                    throw wrongType(field, "an object of names to strings");
                }
                value.asJsonObject().forEach((k, v) -> {
                    if (!HEADER_NAME.matcher(k).matches() || RESERVED_HEADERS.contains(k.toLowerCase(Locale.ROOT))) {
                        throw ConfigException.invalid(ConfigException.INVALID_VALUE, field + "." + k,
                                "'" + k + "' is not a header name a pull may set (letters, digits and !#$%&'*+.^_`|~-; "
                                        + "not Host, Connection, Content-Length or Transfer-Encoding).");
                    }
                    string(v, field + "." + k);
                });
            }
        }
    }

    private static void string(JsonValue value, String field) {
        if (!(value instanceof JsonString s)) {
            throw wrongType(field, "a string");
        }
        if (s.getString().length() > MAX_STRING || s.getString().chars().anyMatch(c -> c < 0x20)) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, field,
                    "Text options have at most " + MAX_STRING + " characters and no control characters.");
        }
    }

    private void integer(JsonValue value, String field) {
        if (!(value instanceof JsonNumber n) || !n.isIntegral()) {
            throw wrongType(field, "an integer");
        }
        BigInteger v = n.bigIntegerValue();
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, field,
                    "This option is an integer between " + min + " and " + max + ".");
        }
    }

    private static ConfigException wrongType(String field, String expected) {
        return ConfigException.invalid(ConfigException.INVALID_TYPE, field, "This option must be " + expected + ".");
    }
}
