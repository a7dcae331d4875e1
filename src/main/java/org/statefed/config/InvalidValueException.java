package org.statefed.config;

/** A value that cannot be used; the message says why, in words for the user. */
final class InvalidValueException extends Exception {

    InvalidValueException(String message) {
        super(message);
    }
}
