package org.statefed.config;

/** Asterisk's {@code auth_policy}: what to do with presence subscription requests. */
public enum AuthPolicy {
    /** Accept requests from buddies (and only from buddies). */
    ACCEPT,
    /** Deny every request. */
    DENY
}
