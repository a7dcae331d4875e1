package org.statefed.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One {@code type = sip_publication} section: one Asterisk peer reached with res_pjsip_publish_asterisk's
 * PUBLISHes, with the keys an Asterisk admin knows from pjsip.conf.
 *
 * @param name the section name
 * @param bind where statefed listens for the peer's PUBLISHes (UDP and TCP); peers may share one
 * @param serverUri where statefed PUBLISHes, the peer's inbound-publication, e.g. {@code sip:a2@127.0.0.1:5061}
 * @param fromUri the From of statefed's PUBLISHes
 * @param inboundResource the Request-URI user the peer PUBLISHes to
 * @param match the only address (and port, unless 0) the peer's PUBLISHes are accepted from, if set
 * @param deviceState whether device states are exchanged with this peer
 * @param mailboxState whether mailbox states (MWI) are exchanged with this peer
 * @param deviceStateFilter only devices whose name this finds (searched, as regexec does) are exchanged
 * @param mailboxStateFilter only mailboxes ({@code mailbox@context}) this finds are exchanged
 * @param expiration the Expires of statefed's publications; refreshed before it runs out
 * @param outbound the credentials answering the peer's digest challenge, if any
 * @param inbound the credentials the peer must prove with digest, if any
 */
public record SipPublicationConfig(
        String name,
        SipHostPort bind,
        String serverUri,
        String fromUri,
        String inboundResource,
        Optional<SipHostPort> match,
        boolean deviceState,
        boolean mailboxState,
        Optional<Pattern> deviceStateFilter,
        Optional<Pattern> mailboxStateFilter,
        Duration expiration,
        Optional<DigestCredentials> outbound,
        Optional<DigestCredentials> inbound) {

    public SipPublicationConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(serverUri, "serverUri");
        Objects.requireNonNull(fromUri, "fromUri");
        Objects.requireNonNull(inboundResource, "inboundResource");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(deviceStateFilter, "deviceStateFilter");
        Objects.requireNonNull(mailboxStateFilter, "mailboxStateFilter");
        Objects.requireNonNull(outbound, "outbound");
        Objects.requireNonNull(inbound, "inbound");
        if (expiration.isNegative() || expiration.isZero()) {
            throw new IllegalArgumentException("expiration must be positive: " + expiration);
        }
    }

    /** Whether this device may be exchanged with the peer (device_state and device_state_filter). */
    public boolean carriesDevice(String device) {
        return deviceState && deviceStateFilter.map(p -> p.matcher(device).find()).orElse(true);
    }

    /** Whether this mailbox ({@code mailbox@context}) may be exchanged with the peer. */
    public boolean carriesMailbox(String mailbox) {
        return mailboxState && mailboxStateFilter.map(p -> p.matcher(mailbox).find()).orElse(true);
    }
}
