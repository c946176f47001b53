package org.openstreamer.ejb.config.text;

import org.openstreamer.ejb.error.ConfigException;

/**
 * Something wrong (or, for a warning, worth saying) about one place of a configuration text.
 * The message already names the place ("... at line 12, column 3"); line and column are repeated
 * for programs.
 *
 * @param kind  whether the API answers 400 (invalid) or 409 (conflict)
 * @param code  {@code syntax_error}, {@code unsupported_directive}, {@code unsupported_option},
 *              {@code invalid_value}, or a code of the API's own validation
 * @param field what it is about in the imported JSON: {@code streams[cam1].srt_publish.passphrase},
 *              {@code server.listeners.http}, or a directive name; null when unknown
 */
public record Problem(ConfigException.Kind kind, String code, String field, String message, int line, int column) {

    public static final String SYNTAX_ERROR = "syntax_error";
    public static final String UNSUPPORTED_DIRECTIVE = "unsupported_directive";
    public static final String UNSUPPORTED_OPTION = "unsupported_option";
    public static final String LEGACY_IGNORED = "legacy_ignored";
    public static final String LEGACY_CONVERTED = "legacy_converted";
    public static final String IGNORED = "ignored";

    static Problem invalid(String code, String field, String message, Position at) {
        return new Problem(ConfigException.Kind.INVALID, code, field, message, at.line(), at.column());
    }

    static Problem syntax(String detail, Token at) {
        return new Problem(ConfigException.Kind.INVALID, SYNTAX_ERROR, null,
                "Syntax error at line " + at.line() + ", column " + at.column() + ": " + detail,
                at.line(), at.column());
    }
}
