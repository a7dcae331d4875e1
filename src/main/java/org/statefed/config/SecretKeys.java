package org.statefed.config;

import java.util.Locale;
import java.util.Set;

/** Which keys hold secrets, so that their values are never printed. */
final class SecretKeys {
    static final String MASK = "***";

    private static final Set<String> SECRET_KEYS = Set.of("secret", "oauth_secret", "refresh_token", "http_token",
            "http_tls_keystore_password", "outbound_password", "inbound_password");

    private SecretKeys() {
    }

    static boolean holdsSecret(String key) {
        return SECRET_KEYS.contains(key.toLowerCase(Locale.ROOT));
    }
}
