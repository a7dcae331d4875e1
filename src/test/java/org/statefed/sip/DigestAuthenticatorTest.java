package org.statefed.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.statefed.config.DigestCredentials;

class DigestAuthenticatorTest {
    private final FakeTimers clock = new FakeTimers();
    private final DigestAuthenticator authenticator =
            new DigestAuthenticator(new DigestCredentials("a2", "lab-secret"), clock, new SecureRandom());

    private DigestResponse answer(DigestChallenge c, String nonce, String password) {
        return SipPublicationLinkTest.withDigest(SipPublicationLinkTest.publish("asterisk-mwi", null, 20, null),
                new DigestChallenge(c.realm(), nonce, c.opaque()), "a2", password).authorization().orElseThrow();
    }

    @Test
    void rfc2617ExampleResponseIsComputedAsTheRfcSays() {
        // RFC 2617 section 3.5: Mufasa / "Circle Of Life", GET /dir/index.html, qop=auth.
        String ha1 = DigestAuthenticator.md5("Mufasa:testrealm@host.com:Circle Of Life");
        String ha2 = DigestAuthenticator.md5("GET:/dir/index.html");

        assertThat(DigestAuthenticator.md5(ha1 + ":dcd98b7102dd2f0e8b11d0f600bfb0c093:00000001:0a4f113b:auth:" + ha2))
                .isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void aFreshNonceOfOursWithTheRightPasswordIsAccepted() {
        DigestChallenge c = authenticator.challenge();

        assertThat(authenticator.verifies(answer(c, c.nonce(), "lab-secret"), "PUBLISH")).isTrue();
        assertThat(authenticator.verifies(answer(c, c.nonce(), "lab-secret"), "INVITE")).isFalse();
        assertThat(authenticator.verifies(answer(c, c.nonce(), "wrong"), "PUBLISH")).isFalse();
    }

    @Test
    void aStaleOrForgedNonceIsRefused() {
        DigestChallenge c = authenticator.challenge();
        String forged = c.nonce().substring(0, c.nonce().indexOf('/') + 1) + "0".repeat(32);

        assertThat(authenticator.verifies(answer(c, forged, "lab-secret"), "PUBLISH")).isFalse();
        clock.advance(DigestAuthenticator.NONCE_LIFETIME.plus(Duration.ofSeconds(1)));
        assertThat(authenticator.verifies(answer(c, c.nonce(), "lab-secret"), "PUBLISH")).isFalse();
        assertThat(Optional.ofNullable(null)).isEmpty();
    }
}
