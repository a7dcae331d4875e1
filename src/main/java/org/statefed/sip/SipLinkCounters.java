package org.statefed.sip;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What one SIP link counted (requests answered by status, bodies rejected by reason, ...), by name. */
final class SipLinkCounters {
    private final ConcurrentHashMap<String, AtomicLong> counts = new ConcurrentHashMap<>();

    void increment(String name) {
        counts.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
    }

    long get(String name) {
        AtomicLong count = counts.get(name);
        return count == null ? 0 : count.get();
    }

    /** A sorted copy, for status output. */
    Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }
}
