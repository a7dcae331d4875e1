package org.statefed.config;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Checks that SIP publication sections sharing one {@code bind} can be told apart: a PUBLISH is routed to
 * a section by its Request-URI user ({@code inbound_resource}) and its source address ({@code match}), so
 * two sections on one listener with the same resource need different, non-overlapping matches.
 */
final class SipPublicationRoutes {

    private SipPublicationRoutes() {
    }

    static void check(List<SipPublicationConfig> sips, Collection<ScannedSection> sections, Findings findings) {
        for (int i = 0; i < sips.size(); i++) {
            for (int j = 0; j < i; j++) {
                SipPublicationConfig later = sips.get(i);
                SipPublicationConfig earlier = sips.get(j);
                if (!later.bind().equals(earlier.bind()) || !later.inboundResource().equals(earlier.inboundResource())) {
                    continue;
                }
                if (overlap(later, earlier)) {
                    findings.error(later.name(), "inbound_resource", headerLine(sections, later.name()),
                            later.inboundResource(), "section [" + earlier.name() + "] on the same bind " + later.bind()
                                    + " already receives PUBLISHes to " + later.inboundResource()
                                    + (earlier.match().isPresent() ? " from " + earlier.match().get() : "")
                                    + "; give each peer its own inbound_resource, or each its own match address");
                }
            }
        }
    }

    /** Whether one PUBLISH could be routed to both: no match on one side, or matches that accept a common source. */
    private static boolean overlap(SipPublicationConfig a, SipPublicationConfig b) {
        if (a.match().isEmpty() || b.match().isEmpty()) {
            return true;
        }
        SipHostPort x = a.match().get();
        SipHostPort y = b.match().get();
        return x.host().equals(y.host()) && (x.port() == 0 || y.port() == 0 || x.port() == y.port());
    }

    private static Integer headerLine(Collection<ScannedSection> sections, String name) {
        return sections.stream().filter(s -> Objects.equals(s.name(), name)).map(ScannedSection::headerLine)
                .findFirst().orElse(null);
    }
}
