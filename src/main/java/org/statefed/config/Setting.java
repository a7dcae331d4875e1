package org.statefed.config;

/**
 * One {@code key = value} line of a section.
 *
 * @param key the key as statefed matches it (lower case except in {@code [hints]})
 * @param writtenKey the key as the user wrote it, for messages
 * @param value the value, trimmed; empty when nothing follows {@code =}
 * @param line 1-based line number
 */
record Setting(String key, String writtenKey, String value, int line) {

    /** The value for a message or listing: masked when the key holds a secret. */
    String shownValue() {
        return SecretKeys.holdsSecret(key) ? SecretKeys.MASK : value;
    }
}
