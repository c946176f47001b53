package org.openstreamer.web.rest;

import java.util.List;

/**
 * The body of every API error: a stable machine-readable code, the offending field when there is
 * one, and a sentence for people. Errors about a configuration text add the line and column of
 * the first problem and, when there are several, all of them in {@code errors}.
 */
public record ApiError(String error, String field, String message, Integer line, Integer column, List<ApiError> errors) {

    public ApiError(String error, String field, String message) {
        this(error, field, message, null, null, null);
    }

    public static ApiError of(String error, String message) {
        return new ApiError(error, null, message);
    }
}
