package org.statefed.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Random;

import org.statefed.config.DigestCredentials;

/**
 * Challenges a peer's PUBLISHes with HTTP digest (RFC 2617: MD5, qop=auth) and checks its answers, as
 * Asterisk's res_pjsip_authenticator_digest does. Stateless nonces, also as Asterisk makes them: the
 * issue time and a keyed hash of it, so any nonce this process issued within {@link #NONCE_LIFETIME} is
 * accepted without remembering it, and one it did not issue is refused.
 */
public final class DigestAuthenticator {
    /** Asterisk's default nonce lifetime. */
    static final Duration NONCE_LIFETIME = Duration.ofSeconds(32);
    static final String REALM = "statefed";

    private final DigestCredentials credentials;
    private final Clock clock;
    private final byte[] key = new byte[16];
    private final Random opaques;

    public DigestAuthenticator(DigestCredentials credentials, Clock clock, SecureRandom random) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
        random.nextBytes(key);
        this.opaques = random;
    }

    /** What a 401 carries: a fresh nonce. */
    public DigestChallenge challenge() {
        long now = clock.instant().getEpochSecond();
        return new DigestChallenge(REALM, now + "/" + keyed(Long.toString(now)),
                String.format("%016x", opaques.nextLong()));
    }

    /** Whether {@code answer} proves the password for a PUBLISH (the method the digest covers). */
    public boolean verifies(DigestResponse answer, String method) {
        if (answer == null || !credentials.username().equals(answer.username()) || !REALM.equals(answer.realm())
                || answer.nonce() == null || answer.uri() == null || answer.response() == null) {
            return false;
        }
        if (answer.algorithm() != null && !answer.algorithm().equalsIgnoreCase("MD5")) {
            return false;
        }
        if (!nonceIsOursAndFresh(answer.nonce())) {
            return false;
        }
        String ha1 = md5(credentials.username() + ":" + REALM + ":" + credentials.password());
        String ha2 = md5(method + ":" + answer.uri());
        String expected;
        if (answer.qop() == null) {
            expected = md5(ha1 + ":" + answer.nonce() + ":" + ha2);
        } else if (answer.qop().equalsIgnoreCase("auth") && answer.nc() != null && answer.cnonce() != null) {
            expected = md5(ha1 + ":" + answer.nonce() + ":" + answer.nc() + ":" + answer.cnonce() + ":auth:" + ha2);
        } else {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                answer.response().toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }

    private boolean nonceIsOursAndFresh(String nonce) {
        int slash = nonce.indexOf('/');
        if (slash <= 0) {
            return false;
        }
        String issued = nonce.substring(0, slash);
        long at;
        try {
            at = Long.parseLong(issued);
        } catch (NumberFormatException e) {
            return false;
        }
        long age = clock.instant().getEpochSecond() - at;
        return age >= 0 && age <= NONCE_LIFETIME.toSeconds() && MessageDigest.isEqual(
                keyed(issued).getBytes(StandardCharsets.US_ASCII),
                nonce.substring(slash + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private String keyed(String text) {
        return md5(HexFormat.of().formatHex(key) + ":" + text);
    }

    /**
     * The {@code response} of a digest answer with qop=auth (RFC 2617 section 3.2.2.1), for answering a
     * peer's challenge.
     */
    public static String response(String username, String realm, String password, String method, String uri,
            String nonce, String nc, String cnonce) {
        String ha1 = md5(username + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        return md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
    }

    /** Same without qop (RFC 2069 form), for a challenge that offers none. */
    public static String responseWithoutQop(String username, String realm, String password, String method, String uri,
            String nonce) {
        return md5(md5(username + ":" + realm + ":" + password) + ":" + nonce + ":" + md5(method + ":" + uri));
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }
}
