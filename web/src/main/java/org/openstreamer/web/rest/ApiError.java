package org.openstreamer.web.rest;

/**
 * The body of every API error: a stable machine-readable code, the offending field when there is
 * one, and a sentence for people.
 */
public record ApiError(String error, String field, String message) {

    public static ApiError of(String error, String message) {
        return new ApiError(error, null, message);
    }
}
