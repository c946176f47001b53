package org.openstreamer.ejb.error;

import jakarta.ejb.ApplicationException;

/**
 * A configuration change refused: invalid input (the API answers 400) or a conflict with what is
 * stored (409). Carries a stable code, the offending field in API spelling
 * ({@code srt_publish.passphrase}, {@code inputs[0].url}) and a sentence for people. Thrown out of
 * a service, it rolls the whole transaction back: nothing is half-written.
 */
@ApplicationException(rollback = true)
public class ConfigException extends RuntimeException {

    public enum Kind {
        INVALID(400), CONFLICT(409), NOT_FOUND(404);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        /** The HTTP status the API answers with. */
        public int status() {
            return status;
        }
    }

    public static final String INVALID_JSON = "invalid_json";
    public static final String INVALID_TYPE = "invalid_type";
    public static final String INVALID_VALUE = "invalid_value";
    public static final String MISSING_VALUE = "missing_value";
    public static final String UNKNOWN_KEY = "unknown_key";
    public static final String NAME_MISMATCH = "name_mismatch";
    public static final String PORT_CONFLICT = "port_conflict";
    public static final String PREFIX_CONFLICT = "prefix_conflict";
    public static final String NOT_FOUND = "not_found";

    private final Kind kind;
    private final String code;
    private final String field;

    protected ConfigException(Kind kind, String code, String field, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.field = field;
    }

    public static ConfigException invalid(String code, String field, String message) {
        return new ConfigException(Kind.INVALID, code, field, message);
    }

    public static ConfigException conflict(String code, String field, String message) {
        return new ConfigException(Kind.CONFLICT, code, field, message);
    }

    /** A stream the request names does not exist (404). */
    public static ConfigException notFound(String stream) {
        return new ConfigException(Kind.NOT_FOUND, NOT_FOUND, null, "No stream named '" + stream + "'.");
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
