package org.openstreamer.connector.ingest.srt.jni;

/**
 * Why a connection was rejected: libsrt's own reasons ({@code SRT_REJECT_REASON}, 0..16) and the
 * application's, which start at {@link #PREDEFINED} (1000 + an HTTP-like status, the range the SRT
 * access-control document assigns) or {@link #USERDEFINED}. A {@link SrtListenCallback} returns
 * one of the latter; libsrt sends it to the caller, whose {@link SrtNative#getRejectReason(int)}
 * then reads it.
 */
public final class SrtRejectReason {

    public static final int UNKNOWN = 0;
    public static final int SYSTEM = 1;
    /** The peer rejected it (a libsrt peer older than the reason codes). */
    public static final int PEER = 2;
    public static final int RESOURCE = 3;
    public static final int ROGUE = 4;
    public static final int BACKLOG = 5;
    public static final int IPE = 6;
    public static final int CLOSE = 7;
    public static final int VERSION = 8;
    public static final int RDVCOOKIE = 9;
    /** Both sides encrypt, with different passphrases. */
    public static final int BADSECRET = 10;
    /** One side has a passphrase, the other none, and encryption is enforced. */
    public static final int UNSECURE = 11;
    public static final int MESSAGEAPI = 12;
    public static final int CONGESTION = 13;
    public static final int FILTER = 14;
    public static final int GROUP = 15;
    public static final int TIMEOUT = 16;

    /** Start of the application range: 1000 + an HTTP-like status. */
    public static final int PREDEFINED = 1000;
    /** Start of the free-form application range. */
    public static final int USERDEFINED = 2000;

    public static final int BAD_REQUEST = PREDEFINED + 400;
    public static final int UNAUTHORIZED = PREDEFINED + 401;
    public static final int FORBIDDEN = PREDEFINED + 403;
    public static final int NOT_FOUND = PREDEFINED + 404;
    public static final int CONFLICT = PREDEFINED + 409;
    public static final int INTERNAL_SERVER_ERROR = PREDEFINED + 500;
    public static final int SERVICE_UNAVAILABLE = PREDEFINED + 503;

    private static final String[] NAMES = {
        "UNKNOWN", "SYSTEM", "PEER", "RESOURCE", "ROGUE", "BACKLOG", "IPE", "CLOSE", "VERSION",
        "RDVCOOKIE", "BADSECRET", "UNSECURE", "MESSAGEAPI", "CONGESTION", "FILTER", "GROUP", "TIMEOUT"
    };

    private SrtRejectReason() {
    }

    /** Whether a listen callback may return this code (libsrt refuses to set codes below 1000). */
    public static boolean isApplicationCode(int code) {
        return code >= PREDEFINED;
    }

    /**
     * The symbolic name libsrt prints in its log ({@code BADSECRET}, {@code PREDEFINED:404},
     * {@code USERDEFINED:7}).
     */
    public static String name(int code) {
        if (code >= 0 && code < NAMES.length) {
            return NAMES[code];
        }
        if (code >= USERDEFINED) {
            return "USERDEFINED:" + (code - USERDEFINED);
        }
        if (code >= PREDEFINED) {
            return "PREDEFINED:" + (code - PREDEFINED);
        }
        return "UNKNOWN:" + code;
    }

    /** The code for a {@link #name(int)}, or -1 when the text is not one. */
    public static int parseName(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return i;
            }
        }
        int colon = name.indexOf(':');
        if (colon > 0) {
            String prefix = name.substring(0, colon);
            try {
                int n = Integer.parseInt(name.substring(colon + 1));
                if (n >= 0 && n < 1000 && "PREDEFINED".equals(prefix)) {
                    return PREDEFINED + n;
                }
                if (n >= 0 && "USERDEFINED".equals(prefix)) {
                    return USERDEFINED + n;
                }
                if (n >= 0 && "UNKNOWN".equals(prefix)) {
                    return n;
                }
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    /** A short operator-facing phrase ("wrong passphrase", "404 not found"). */
    public static String describe(int code) {
        return switch (code) {
            case BADSECRET -> "wrong passphrase";
            case UNSECURE -> "passphrase required or unexpected (encryption enforced)";
            case TIMEOUT -> "handshake timed out";
            case BACKLOG -> "listen backlog full";
            case VERSION -> "peer's SRT version too old";
            case MESSAGEAPI, CONGESTION, FILTER, GROUP -> "incompatible " + name(code).toLowerCase() + " setting";
            case BAD_REQUEST -> "400 bad request";
            case UNAUTHORIZED -> "401 unauthorized";
            case FORBIDDEN -> "403 forbidden";
            case NOT_FOUND -> "404 not found";
            case CONFLICT -> "409 conflict";
            case INTERNAL_SERVER_ERROR -> "500 internal server error";
            case SERVICE_UNAVAILABLE -> "503 service unavailable";
            default -> code >= PREDEFINED && code < USERDEFINED ? (code - PREDEFINED) + " (application)"
                    : name(code).toLowerCase();
        };
    }
}
