package org.statefed.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.statefed.corosync.codec.DeviceStateChange;
import org.statefed.corosync.codec.EventDecoder;
import org.statefed.corosync.codec.EventEncoder;
import org.statefed.demo.lan.LanMember;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;

/**
 * The demo's LAN steps against a fake bridge (tables keyed by site, device and entity id) and fake members: what
 * they send and what they must receive, what the story prints, and that a bridge falling short of a step makes
 * the demo say so and fail.
 */
class LanScenarioTest {
    private static final long BRIDGE_PID = 4242;
    /** Only the failing cases wait it out; the fake bridge answers at once. */
    private static final Duration DEADLINE = Duration.ofMillis(300);
    private static final EntityId A1 = EntityId.parse("00:00:5e:00:53:a1");
    private static final EntityId A2 = EntityId.parse("00:00:5e:00:53:a2");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void aWorkingBridgeConvergesEveryStepAndTheMembersGetBsChangeAsResCorosyncBytes() {
        FakeBridge bridge = new FakeBridge(true, true, true);
        FakeMember a1 = bridge.member("pbx-a1", A1);
        FakeMember a2 = bridge.member("pbx-a2", A2);

        boolean converged = new LanScenario(bridge, List.of(a1, a2), "asterisk", BRIDGE_PID, out, DEADLINE).play();

        String output = output();
        assertThat(converged).as(output).isTrue();
        assertThat(a1.sent).singleElement().satisfies(sent -> assertThat(EventDecoder.decode(sent))
                .isEqualTo(new DeviceStateChange("PJSIP/dave", DeviceState.INUSE, true, A1)));
        assertThat(a1.left).isTrue();
        assertThat(a2.left).as("only the first member leaves").isFalse();
        byte[] bobRinging = EventEncoder.encode(new DeviceStateChange("PJSIP/bob", DeviceState.RINGING, true,
                DemoSite.ALL.get(1).entityId()));
        assertThat(output)
                .contains("== LAN step 1 of 3: at site A's LAN, pbx-a1 (entity id 00:00:5e:00:53:a1) reports dave's"
                        + " phone in use over Corosync (PJSIP/dave INUSE)")
                .contains("   pbx-a1 multicasts 49 bytes to CPG group 'asterisk': " + HexFormat.of().formatHex(
                        EventEncoder.encode(new DeviceStateChange("PJSIP/dave", DeviceState.INUSE, true, A1))))
                .contains("   site B, devstate list:\n   --- Name: 'PJSIP/dave'  State: 'INUSE'\n"
                        + "   ---     from 00:00:5e:00:53:a1: 'INUSE'\n")
                .contains("   pbx-a2 received 48 bytes from pid 4242 (site A's bridge): "
                        + HexFormat.of().formatHex(bobRinging))
                .contains("   pbx-a1 decodes: DEVICE_STATE_CHANGE device=PJSIP/bob state=RINGING cachable=1"
                        + " eid=00:00:5e:00:53:0b")
                .contains("== LAN step 3 of 3: pbx-a1 stops and leaves the CPG group; every site drops its states"
                        + " after stale_timeout=0 s")
                .contains("   site C, devstate list: no PJSIP/dave")
                .doesNotContain("NOT");
        assertThat(output.split("   converged: ")).hasSize(4);
    }

    /** Each way the bridge can fall short, and the line that must say so. */
    @Test
    void aBridgeThatFallsShortOfAStepMakesTheDemoSaySoAndFail() {
        record Case(String what, FakeBridge bridge, String line) {
        }
        List<Case> cases = List.of(
                new Case("LAN change never reaches the WAN", new FakeBridge(false, true, true),
                        "   NOT CONVERGED: site A NOT within 300 ms, site B NOT within 300 ms, site C NOT within 300 ms"),
                new Case("WAN change never reaches the LAN", new FakeBridge(true, false, true),
                        "   NOT CONVERGED: pbx-a1 NOT within 300 ms, pbx-a2 NOT within 300 ms"),
                new Case("a member that left never goes stale", new FakeBridge(true, true, false),
                        "   NOT CONVERGED: site A NOT within 300 ms, site B NOT within 300 ms, site C NOT within 300 ms"));
        for (Case c : cases) {
            bytes.reset();
            List<LanMember> members = List.of(c.bridge.member("pbx-a1", A1), c.bridge.member("pbx-a2", A2));

            boolean converged = new LanScenario(c.bridge, members, "asterisk", BRIDGE_PID, out, DEADLINE).play();

            assertThat(converged).as(c.what).isFalse();
            assertThat(output()).as(c.what).contains(c.line + "\n");
            assertThat(output().split("NOT CONVERGED")).as(c.what + ": one step fails").hasSize(2);
        }
    }

    @Test
    void theLastStepWaitsForTheStaleRuleAtTheBridgeAndThenAtTheOtherSites() {
        FakeBridge bridge = new FakeBridge(true, true, true);
        bridge.staleTimeout = Duration.ofSeconds(3);

        LanScenario scenario = new LanScenario(bridge, List.of(bridge.member("pbx-a1", A1)), "asterisk", BRIDGE_PID,
                out, Duration.ofSeconds(10));

        assertThat(scenario.staleDeadline()).isEqualTo(Duration.ofSeconds(16));
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Site A's bridge, B and C as one table, forwarding what it is told to. */
    private static final class FakeBridge implements LanSites {
        private final boolean lanToWan;
        private final boolean wanToLan;
        private final boolean staleRule;
        private final Map<String, DeviceState> table = new LinkedHashMap<>();
        private final List<FakeMember> members = new ArrayList<>();
        Duration staleTimeout = Duration.ZERO;

        FakeBridge(boolean lanToWan, boolean wanToLan, boolean staleRule) {
            this.lanToWan = lanToWan;
            this.wanToLan = wanToLan;
            this.staleRule = staleRule;
        }

        FakeMember member(String name, EntityId eid) {
            FakeMember member = new FakeMember(name, eid, this);
            members.add(member);
            return member;
        }

        private static String key(DemoSite site, String device, EntityId eid) {
            return site.letter() + "|" + device + "|" + eid;
        }

        void fromLan(byte[] event) {
            if (lanToWan && EventDecoder.decode(event) instanceof DeviceStateChange change) {
                DemoSite.ALL.forEach(site -> table.put(key(site, change.device(), change.eid()), change.state()));
            }
        }

        void memberLeft(EntityId eid) {
            if (staleRule) {
                table.keySet().removeIf(key -> key.endsWith("|" + eid));
            }
        }

        @Override
        public void changeDeviceState(DemoSite site, String device, DeviceState state) {
            DemoSite.ALL.forEach(each -> table.put(key(each, device, site.entityId()), state));
            if (wanToLan) {
                byte[] event = EventEncoder.encode(new DeviceStateChange(device, state, true, site.entityId()));
                members.forEach(member -> member.received.add(new LanMember.Delivery(BRIDGE_PID, event)));
            }
        }

        @Override
        public Optional<DeviceState> state(DemoSite site, String device, EntityId eid) {
            return Optional.ofNullable(table.get(key(site, device, eid)));
        }

        /** Only the lines the scenario picks out of {@code devstate list}. */
        @Override
        public String console(DemoSite site, String command) {
            StringBuilder list = new StringBuilder("--- Device States ---\n");
            table.forEach((key, state) -> {
                String[] parts = key.split("\\|");
                if (parts[0].equals(site.letter())) {
                    list.append("--- Name: '").append(parts[1]).append("'  State: '").append(state.token())
                            .append("'\n---     from ").append(parts[2]).append(": '").append(state.token())
                            .append("'\n---\n");
                }
            });
            return list.toString();
        }

        @Override
        public Duration staleTimeout() {
            return staleTimeout;
        }
    }

    private static final class FakeMember implements LanMember {
        private final String name;
        private final EntityId eid;
        private final FakeBridge bridge;
        final List<byte[]> sent = new CopyOnWriteArrayList<>();
        final List<Delivery> received = new CopyOnWriteArrayList<>();
        boolean left;

        FakeMember(String name, EntityId eid, FakeBridge bridge) {
            this.name = name;
            this.eid = eid;
            this.bridge = bridge;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public EntityId eid() {
            return eid;
        }

        @Override
        public void send(byte[] event) {
            sent.add(event);
            bridge.fromLan(event);
        }

        @Override
        public List<Delivery> received() {
            return List.copyOf(received);
        }

        @Override
        public void leave() {
            left = true;
            bridge.memberLeft(eid);
        }
    }
}
