package org.statefed.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.statefed.app.StatefedNode;
import org.statefed.config.PubsubLayout;
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
            long worst = 0;
            long total = 0;
            int samples = 10;
            for (int i = 0; i < samples; i++) {
                DeviceState s = i % 2 == 0 ? DeviceState.INUSE : DeviceState.NOT_INUSE;
                long start = System.nanoTime();
                site1.changeDeviceState("SIP/probe", s);
                ProxiedCluster.awaitAggregates(Duration.ofSeconds(10), others, Map.of("SIP/probe", s));
                long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
                worst = Math.max(worst, ms);
                total += ms;
            }

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
            Duration storm = ProxiedCluster.awaitAggregates(Duration.ofSeconds(60), others, finals);
            System.out.printf("[fault 4 prosody asterisk] %d ms ± %d ms each way: a change reached both other sites "
                    + "in %d ms on average, %d ms at worst (one round trip is ~%d ms); storm %d x %d converged in %d ms "
                    + "(%d publishes sent)%n", ONE_WAY.toMillis(), JITTER.toMillis(), total / samples, worst,
                    2 * ONE_WAY.toMillis(), devices, rounds, Duration.ofNanos(System.nanoTime() - start).toMillis(),
                    site1.counters().get(Counters.Counter.PUBLISH_SENT));
            assertThat(storm).isLessThan(Duration.ofSeconds(60));
            // One round trip is 200 ms (+ up to 40 ms jitter); many round trips would be 400 ms and more.
            assertThat(total / samples).isLessThan(2 * ONE_WAY.toMillis() + 150);
        }
    }
}
