package org.statefed.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.statefed.node.StatefedNode;
import org.statefed.config.PubsubLayout;
import org.statefed.it.Await;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;
import org.statefed.state.DeviceState;
import org.statefed.xmpp.Counters;

/**
 * Fault 4: every site's link has 100 ms ± 20 ms of latency each way. The storm of 10 000 changes still
 * converges, and one change reaches the other sites in about one round trip (site → server → site).
 */
class WanLatencyIT {
    private static final Duration ONE_WAY = Duration.ofMillis(100);
    private static final Duration JITTER = Duration.ofMillis(20);
    private static final Duration ROUND_TRIP = ONE_WAY.multipliedBy(2);
    /** Generous for 10 000 changes over this latency on a loaded machine; the wait is the assertion. */
    private static final Duration STORM_DEADLINE = Duration.ofSeconds(60);

    @Test
    void stormConvergesAndAChangeTakesAboutOneRoundTrip() throws Exception {
        try (XmppServer server = XmppServers.prosody(new ServerOptions(List.of("site1", "site2", "site3"), false, 10_000));
                ProxiedCluster cluster = new ProxiedCluster(server, PubsubLayout.ASTERISK, 3, Duration.ofSeconds(30))) {
            cluster.startAll();
            cluster.awaitReady(Duration.ofSeconds(20));
            for (String site : List.of("site1", "site2", "site3")) {
                cluster.proxy(site).delay(ONE_WAY, JITTER);
            }
            StatefedNode site1 = cluster.node("site1");
            List<StatefedNode> others = cluster.othersThan("site1");

            // Single changes first, on an idle cluster: the propagation latency.
            List<Long> samples = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                DeviceState s = i % 2 == 0 ? DeviceState.INUSE : DeviceState.NOT_INUSE;
                long start = System.nanoTime();
                site1.changeDeviceState("SIP/probe", s);
                ProxiedCluster.awaitAggregates(Duration.ofSeconds(10), others, Map.of("SIP/probe", s));
                samples.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
            }
            Collections.sort(samples);
            long median = samples.get(samples.size() / 2);
            long worst = samples.get(samples.size() - 1);

            int devices = 1000;
            int rounds = 10;
            DeviceState[] cycle = {DeviceState.INUSE, DeviceState.RINGING, DeviceState.NOT_INUSE, DeviceState.BUSY,
                DeviceState.ONHOLD, DeviceState.UNAVAILABLE};
            Map<String, DeviceState> finals = new HashMap<>();
            long start = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                for (int d = 0; d < devices; d++) {
                    DeviceState s = cycle[(d + r) % cycle.length];
                    site1.changeDeviceState("PJSIP/" + d, s);
                    finals.put("PJSIP/" + d, s);
                }
            }
            ProxiedCluster.awaitAggregates(STORM_DEADLINE, others, finals);
            Duration storm = Await.since(start);
            System.out.printf("[fault 4 prosody asterisk] %d ms ± %d ms each way: a change reached both other sites "
                    + "in %d ms (median), %d ms at worst (one round trip is ~%d ms); storm %d x %d converged in %d ms "
                    + "(%d publishes sent)%n", ONE_WAY.toMillis(), JITTER.toMillis(), median, worst,
                    ROUND_TRIP.toMillis(), devices, rounds, storm.toMillis(),
                    site1.counters().get(Counters.Counter.PUBLISH_SENT));
            // About one round trip (site -> server -> site): at least one, so the delay is really there, and
            // less than two, which a change waiting for an answer before it is sent would take. The median
            // keeps one sample slowed by a busy machine from deciding.
            assertThat(median).isBetween(ROUND_TRIP.minus(JITTER.multipliedBy(2)).toMillis(),
                    ROUND_TRIP.multipliedBy(2).toMillis() - 1);
        }
    }
}
