package org.statefed.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code http_*} keys of {@code [general]}. A non-loopback {@code http_bind} without a token or TLS is
 * an error: the API changes device states, so anyone who can reach the port could ring every phone.
 */
final class HttpReader {
    /** A token shorter than this is guessable by a patient client. */
    static final int MIN_TOKEN_LENGTH = 16;
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[0-9.]+|localhost|\\*):([0-9]{1,5})");
    private static final String BIND_FORM = "must be HOST:PORT with HOST an IP address, [IPv6], localhost or *"
            + " (every address), and PORT 0 to 65535 (0: any free port), e.g. 127.0.0.1:8088";

    private final SectionValues values;
    private final Path file;

    HttpReader(SectionValues values, Path file) {
        this.values = values;
        this.file = file;
    }

    HttpConfig read() {
        Optional<Setting> bindSetting = values.setting("http_bind");
        Optional<InetSocketAddress> bind = bindSetting.flatMap(this::bind);
        Optional<String> token = values.setting("http_token").flatMap(this::token);
        Optional<Path> keystore = values.setting("http_tls_keystore").flatMap(this::keystore);
        Optional<Setting> passwordSetting = values.setting("http_tls_keystore_password");
        Optional<String> password = passwordSetting.map(Setting::value);
        if (keystore.isPresent() && passwordSetting.isEmpty()) {
            values.missing("http_tls_keystore_password", "is not set; the PKCS#12 file http_tls_keystore needs its"
                    + " password");
        }
        if (passwordSetting.isPresent() && !values.has("http_tls_keystore")) {
            values.errorWithoutValue(passwordSetting.get(), "is set but http_tls_keystore is not; set both or neither");
        }
        if (bind.isPresent() && !bind.get().getAddress().isLoopbackAddress() && !values.has("http_token")
                && !values.has("http_tls_keystore")) {
            values.error(bindSetting.get(), "is not a loopback address, and the HTTP API changes device states:"
                    + " set http_token (a random string of at least " + MIN_TOKEN_LENGTH + " characters that clients"
                    + " send as 'Authorization: Bearer TOKEN') or http_tls_keystore, or bind to 127.0.0.1");
        }
        if (bindSetting.isEmpty() && (values.has("http_token") || values.has("http_tls_keystore"))) {
            values.missing("http_bind", "is not set, so no HTTP server runs and http_token/http_tls_keystore do nothing;"
                    + " set it, e.g. http_bind = 127.0.0.1:8088");
        }
        if (values.hadErrors() || bind.isEmpty()) {
            return HttpConfig.OFF;
        }
        return new HttpConfig(bind, token, keystore, password);
    }

    private Optional<InetSocketAddress> bind(Setting setting) {
        Matcher m = HOST_PORT.matcher(setting.value());
        if (!m.matches()) {
            values.error(setting, BIND_FORM);
            return Optional.empty();
        }
        int port = Integer.parseInt(m.group(2));
        if (port > 65_535) {
            values.error(setting, BIND_FORM);
            return Optional.empty();
        }
        String host = m.group(1);
        try {
            // Literals only (and localhost, from the hosts file): no DNS lookup while reading a configuration.
            InetAddress address = host.equals("*") ? InetAddress.getByName("0.0.0.0")
                    : host.equals("localhost") ? InetAddress.getLoopbackAddress()
                    : InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
            return Optional.of(new InetSocketAddress(address, port));
        } catch (UnknownHostException e) {
            values.error(setting, BIND_FORM);
            return Optional.empty();
        }
    }

    private Optional<String> token(Setting setting) {
        String token = setting.value();
        if (token.length() < MIN_TOKEN_LENGTH || token.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            // Never the value: it is a secret.
            values.errorWithoutValue(setting, "must be at least " + MIN_TOKEN_LENGTH + " printable ASCII characters"
                    + " without spaces, e.g. the output of: openssl rand -hex 24");
            return Optional.empty();
        }
        return Optional.of(token);
    }

    private Optional<Path> keystore(Setting setting) {
        if (setting.value().isEmpty()) {
            values.error(setting, "must be the path of a PKCS#12 file with the key and certificate chain");
            return Optional.empty();
        }
        try {
            return Optional.of(ConfigPaths.resolve(file, setting.value()));
        } catch (InvalidPathException e) {
            values.error(setting, "is not a usable path (" + e.getReason() + ")");
            return Optional.empty();
        }
    }
}
