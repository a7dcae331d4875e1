package org.statefed.admin;

import java.util.Objects;

/**
 * A local change refused before it reaches the node, naming the part that is wrong: the admin commands print
 * the message, the HTTP API returns it with the field.
 */
public final class InvalidChangeException extends Exception {
    private final String field;

    public InvalidChangeException(String field, String message) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** Which part of the change is wrong: {@code device}, {@code state}, {@code mailbox}, {@code new} or {@code old}. */
    public String field() {
        return field;
    }
}
