package org.statefed.config;

import java.util.Objects;

/** A SIP digest user name and password; {@link #toString()} never shows the password. */
public record DigestCredentials(String username, String password) {
    public DigestCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "DigestCredentials[username=" + username + ", password=" + SecretKeys.MASK + "]";
    }
}
