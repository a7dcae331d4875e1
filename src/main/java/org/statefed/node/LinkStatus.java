package org.statefed.node;

import java.util.List;
import java.util.Objects;

/**
 * What a link says about itself for the admin commands, the HTTP API and tests, link-neutral.
 *
 * @param state  a short word or two, e.g. {@code Connected}, {@code Joined}, {@code Retrying in 4 s}
 * @param ready  true once the link has joined its peers and resynced (a test or the demo waits for it)
 * @param peers  peers it hears now (buddies online, CPG members, SIP peers with a live publication)
 * @param detail free lines for {@code core show settings}-like output; never a secret
 */
public record LinkStatus(String name, LinkKind kind, String state, boolean ready, int peers, List<String> detail) {
    public LinkStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        if (peers < 0) {
            throw new IllegalArgumentException("peers must not be negative: " + peers);
        }
        detail = List.copyOf(detail);
    }
}
