package org.statefed.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Turns one {@code type = sip_publication} section into a {@link SipPublicationConfig}. */
final class SipPublicationReader {
    static final String TYPE = "sip_publication";
    /** Asterisk's outbound-publish default, so a section copied from pjsip.conf behaves the same. */
    static final int DEFAULT_EXPIRATION = 3600;
    /** Below this a refresh could not be sent before the publication runs out on a loaded machine. */
    static final int MIN_EXPIRATION = 4;
    static final int MAX_EXPIRATION = 86_400;
    static final int DEFAULT_SIP_PORT = 5060;
    /** The user part of a SIP URI as pjsip takes it for an inbound-publication: no separators, no spaces. */
    private static final Pattern RESOURCE = Pattern.compile("[A-Za-z0-9_.!~*'()&=+$,-]{1,64}");
    private static final Pattern SIP_URI = Pattern.compile(
            "sip:(?:([^@;:\\s]+)@)?(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(?::(\\d{1,5}))?(;[^\\s]*)?");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^:\\[\\]]+)(?::(\\d{1,5}))?");
    private static final int MAX_TEXT_CHARS = 256;

    private final SectionValues values;

    SipPublicationReader(SectionValues values) {
        this.values = values;
    }

    /** Whether a section is a SIP publication one: its {@code type} says so, in any case. */
    static boolean isSipPublication(SectionValues values) {
        return values.setting("type").map(s -> s.value().equalsIgnoreCase(TYPE)).orElse(false);
    }

    /** The section, or empty if it has errors (they are all in the findings). */
    Optional<SipPublicationConfig> read() {
        values.checkKeys(KnownKeys.SIP_PUBLICATION, KnownKeys.CLIENT, "a client section",
                "a sip_publication section");
        String name = values.section();
        Optional<SipHostPort> bind = bind();
        Optional<String> serverUri = sipUri("server_uri", true,
                "the peer's inbound-publication, e.g. server_uri = sip:a2@127.0.0.1:5061");
        Optional<String> fromUri = sipUri("from_uri", false, "e.g. from_uri = sip:statefed@127.0.0.1:5062");
        String resource = inboundResource(name);
        Optional<SipHostPort> match = values.setting("match").flatMap(s -> hostPort(s, 0, "match",
                "the peer's IP address, optionally with its port, e.g. match = 127.0.0.1 or match = 127.0.0.1:5061"));
        boolean deviceState = values.bool("device_state", true);
        boolean mailboxState = values.bool("mailbox_state", true);
        Optional<Pattern> deviceFilter = filter("device_state_filter");
        Optional<Pattern> mailboxFilter = filter("mailbox_state_filter");
        int expiration = values.integer("expiration", DEFAULT_EXPIRATION, MIN_EXPIRATION, MAX_EXPIRATION, " of seconds");
        Optional<DigestCredentials> outbound = credentials("outbound",
                "answers the peer's digest challenge (its auth section's username and password)");
        Optional<DigestCredentials> inbound = credentials("inbound",
                "is what the peer must prove (its outbound_auth section's username and password)");
        if (!deviceState && !mailboxState) {
            values.missing("device_state", "and mailbox_state are both no, so this section would exchange nothing;"
                    + " set one of them to yes or remove the section");
        }
        if (values.hadErrors()) {
            return Optional.empty();
        }
        return Optional.of(new SipPublicationConfig(name, bind.orElseThrow(), serverUri.orElseThrow(),
                fromUri.orElse("sip:statefed@" + bind.get()), resource, match, deviceState, mailboxState,
                deviceFilter, mailboxFilter, Duration.ofSeconds(expiration), outbound, inbound));
    }

    private Optional<SipHostPort> bind() {
        Optional<Setting> setting = values.setting("bind");
        if (setting.isEmpty()) {
            values.missing("bind", "is required; the address statefed listens on for this peer's PUBLISHes"
                    + " (UDP and TCP), e.g. bind = 127.0.0.1:5062");
            return Optional.empty();
        }
        return hostPort(setting.get(), DEFAULT_SIP_PORT, "bind", "an IP address and port statefed listens on,"
                + " e.g. bind = 127.0.0.1:5062 or bind = [::1]:5062");
    }

    private Optional<SipHostPort> hostPort(Setting setting, int defaultPort, String key, String allowed) {
        Matcher m = HOST_PORT.matcher(setting.value());
        if (!m.matches()) {
            values.error(setting, "must be " + allowed);
            return Optional.empty();
        }
        String host = m.group(1);
        boolean v6 = host.startsWith("[");
        if (v6) {
            host = host.substring(1, host.length() - 1);
        } else if (!isIpv4(host)) {
            values.error(setting, "must be an IP address, not a host name (statefed does not resolve names for "
                    + key + "); " + allowed);
            return Optional.empty();
        }
        int port = defaultPort;
        if (m.group(2) != null) {
            port = Integer.parseInt(m.group(2));
            if (port < 1 || port > 65535) {
                values.error(setting, "has port " + port + ", but a port is from 1 to 65535; " + allowed);
                return Optional.empty();
            }
        }
        return Optional.of(new SipHostPort(host, port));
    }

    private static boolean isIpv4(String host) {
        Matcher m = IPV4.matcher(host);
        if (!m.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }

    private Optional<String> sipUri(String key, boolean required, String example) {
        Optional<Setting> setting = values.setting(key);
        if (setting.isEmpty()) {
            if (required) {
                values.missing(key, "is required; " + example);
            }
            return Optional.empty();
        }
        String text = setting.get().value();
        Matcher m = SIP_URI.matcher(text);
        if (text.length() > MAX_TEXT_CHARS || !m.matches()) {
            values.error(setting.get(), "must be a SIP URI sip:user@host:port; " + example
                    + (text.startsWith("sips:") ? " (TLS, sips:, is not supported yet)" : ""));
            return Optional.empty();
        }
        if (m.group(3) != null && (Integer.parseInt(m.group(3)) < 1 || Integer.parseInt(m.group(3)) > 65535)) {
            values.error(setting.get(), "has port " + m.group(3) + ", but a port is from 1 to 65535; " + example);
            return Optional.empty();
        }
        return Optional.of(text);
    }

    private String inboundResource(String sectionName) {
        Optional<Setting> setting = values.setting("inbound_resource");
        String resource = setting.map(Setting::value).orElse(sectionName);
        if (!RESOURCE.matcher(resource).matches()) {
            String allowed = "letters, digits and - _ . ! ~ * ' ( ) & = + $ , only, at most 64";
            if (setting.isPresent()) {
                values.error(setting.get(), "must be the user part of the Request-URI the peer PUBLISHes to (its"
                        + " outbound-publish server_uri sip:USER@...): " + allowed);
            } else {
                values.missing("inbound_resource", "is needed: the section name, its default, is not usable as the"
                        + " user part of the Request-URI the peer PUBLISHes to (" + allowed + "); e.g."
                        + " inbound_resource = a1");
            }
        }
        return resource;
    }

    private Optional<Pattern> filter(String key) {
        Optional<Setting> setting = values.setting(key);
        if (setting.isEmpty() || setting.get().value().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Pattern.compile(setting.get().value()));
        } catch (PatternSyntaxException e) {
            values.error(setting.get(), "is not a valid regular expression (" + e.getDescription() + " near character "
                    + (e.getIndex() + 1) + "); e.g. " + key + " = ^Custom:");
            return Optional.empty();
        }
    }

    private Optional<DigestCredentials> credentials(String prefix, String role) {
        Optional<Setting> user = values.setting(prefix + "_username");
        Optional<Setting> password = values.setting(prefix + "_password");
        if (user.isEmpty() && password.isEmpty()) {
            return Optional.empty();
        }
        if (user.isEmpty()) {
            values.missing(prefix + "_username", "is required with " + prefix + "_password: the pair " + role);
            return Optional.empty();
        }
        if (password.isEmpty()) {
            values.missing(prefix + "_password", "is required with " + prefix + "_username: the pair " + role);
            return Optional.empty();
        }
        boolean ok = true;
        if (user.get().value().isEmpty() || user.get().value().chars().anyMatch(c -> c == '"' || Character.isISOControl(c))
                || user.get().value().length() > MAX_TEXT_CHARS) {
            values.error(user.get(), "must be a user name without quotes or control characters; the pair " + role);
            ok = false;
        }
        if (password.get().value().isEmpty()) {
            values.error(password.get(), "must be the password; the pair " + role);
            ok = false;
        } else if (password.get().value().length() > MAX_TEXT_CHARS) {
            values.errorWithoutValue(password.get(), "is longer than " + MAX_TEXT_CHARS + " characters; use the"
                    + " password of the peer's auth section");
            ok = false;
        }
        return ok ? Optional.of(new DigestCredentials(user.get().value(), password.get().value())) : Optional.empty();
    }
}
