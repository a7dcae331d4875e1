package org.statefed.web;

import java.util.Optional;

/**
 * A request the API refuses, answered with {@code status} and {@code {"error": message, "field": field}}.
 * Messages never repeat a secret (a token).
 */
final class ApiException extends Exception {
    private final int status;
    private final Optional<String> field;
    private final Optional<String> allow;

    ApiException(int status, String field, String message) {
        this(status, field, message, null);
    }

    private ApiException(int status, String field, String message, String allow) {
        super(message);
        this.status = status;
        this.field = Optional.ofNullable(field);
        this.allow = Optional.ofNullable(allow);
    }

    /** 405, with the methods the resource takes (for the Allow header). */
    static ApiException methodNotAllowed(String method, String allowed) {
        return new ApiException(405, null, "method " + (method.length() > 16 ? "?" : method)
                + " not allowed here; use " + allowed, allowed);
    }

    ApiException(int status, String message) {
        this(status, null, message);
    }

    int status() {
        return status;
    }

    Optional<String> field() {
        return field;
    }

    /** The Allow header of a 405. */
    Optional<String> allow() {
        return allow;
    }
}
