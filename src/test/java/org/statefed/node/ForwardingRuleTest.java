package org.statefed.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The split-horizon table of docs/protocol.md, row by row. */
class ForwardingRuleTest {

    @ParameterizedTest(name = "learned on {0}, first seen on {1}, to {2} (same link: {3}) -> {4}")
    @CsvSource({
        // origin, first seen, destination, same link, sent?
        // this site's own states go everywhere
        "LOCAL, LOCAL, WAN, false, true",
        "LOCAL, LOCAL, LAN, false, true",
        // a LAN server's state goes to the WAN and to the other LAN links, never back to its own link
        "LAN,   LAN,   WAN, false, true",
        "LAN,   LAN,   LAN, false, true",
        "LAN,   LAN,   LAN, true,  false",
        // a WAN state goes to the LAN links, never to another WAN link, never back
        "WAN,   WAN,   LAN, false, true",
        "WAN,   WAN,   WAN, false, false",
        "WAN,   WAN,   WAN, true,  false",
        // another bridge on our LAN handed a WAN state back to us: it may go to our other LAN links,
        // never out to the WAN again (the loop breaker)
        "LAN,   WAN,   WAN, false, false",
        "LAN,   WAN,   LAN, false, true",
        "LAN,   WAN,   LAN, true,  false",
        // a WAN site's state that another bridge on our LAN handed us before the WAN did: still to our
        // LAN links (the other bridge may be gone), never to the WAN
        "WAN,   LAN,   LAN, false, true",
        "WAN,   LAN,   WAN, false, false",
        // nothing is ever sent to 'local': it is not a link
        "LAN,   LAN,   LOCAL, false, false",
        "WAN,   WAN,   LOCAL, false, false",
    })
    void forwardsByOriginFirstSeenAndDestination(Reach origin, Reach firstSeen, Reach destination, boolean sameLink,
            boolean sent) {
        assertThat(ForwardingRule.sends(origin, firstSeen, destination, sameLink)).isEqualTo(sent);
    }

    @ParameterizedTest(name = "first seen on {0}, a WAN site's own id: {1} -> belongs to {2}")
    @CsvSource({
        // another bridge on our LAN handed us a WAN site's change before our own XMPP event: still WAN
        "LAN,   true,  WAN",
        "WAN,   true,  WAN",
        "LOCAL, true,  WAN",
        // nobody on the WAN speaks for it: where it was first seen
        "LAN,   false, LAN",
        "WAN,   false, WAN",
    })
    void aWanSitesOwnEntityIdIsWanWhateverLinkHeardItFirst(Reach firstSeen, boolean wanPeerSpeaks,
            Reach home) {
        assertThat(ForwardingRule.home(firstSeen, wanPeerSpeaks)).isEqualTo(home);
    }
}
