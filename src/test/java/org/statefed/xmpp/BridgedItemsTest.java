package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.slf4j.LoggerFactory;
import org.statefed.link.RateLimitedLog;
import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;
import org.statefed.state.MutableClock;
import org.statefed.state.MwiTable;
import org.statefed.state.Origin;
import org.statefed.wire.DeviceStateElement;

/** Items under bridged entity ids: accepted from the bridge that announced them, never taken back from the WAN. */
class BridgedItemsTest {
    private static final EntityBareJid SELF = JidCreate.entityBareFromOrThrowUnchecked("site1@example.com");
    private static final EntityBareJid BRIDGE = JidCreate.entityBareFromOrThrowUnchecked("site2@example.com");
    private static final EntityBareJid BRIDGE_OTHER = JidCreate.entityBareFromOrThrowUnchecked("site3@example.com");
    private static final EntityId OWN = EntityId.parse("00:11:22:33:44:01");
    private static final EntityId BRIDGE_OWN = EntityId.parse("00:11:22:33:44:02");
    private static final EntityId LAN_SERVER = EntityId.parse("00:11:22:33:44:a1");
    private static final EntityId OUR_LAN_SERVER = EntityId.parse("00:11:22:33:44:b1");
    private static final WatchedNode BRIDGE_NODE = new WatchedNode("device_state/site2@example.com",
            NodeKind.DEVICE_STATE, Optional.of(BRIDGE));
    private static final WatchedNode SHARED = new WatchedNode("device_state", NodeKind.DEVICE_STATE, Optional.empty());

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final DeviceStateTable devices = new DeviceStateTable(clock);
    private final Counters counters = new Counters();
    private final EntityBindings bindings = new EntityBindings();
    private final Set<EntityBareJid> relaying = new java.util.HashSet<>();
    private final ItemMerger merger = new ItemMerger("asterisk", SELF, BRIDGE::equals, OWN, devices,
            new MwiTable(clock), counters, bindings, r -> { }, b -> { },
            new RateLimitedLog(LoggerFactory.getLogger("test"), clock, Duration.ofSeconds(10)), 100, 100,
            OUR_LAN_SERVER::equals, relaying::contains, new RefusedItems(clock, 3));

    @Test
    void aBridgedEntityIdIsAcceptedFromItsBridgeOnceAnnouncedAndTaggedWithThisLink() {
        bindings.declare(BRIDGE, BRIDGE_OWN);
        merger.merge(ReceivedItem.live(BRIDGE_NODE, "SIP/lan1", new DeviceStateElement(DeviceState.INUSE, LAN_SERVER,
                true)));
        assertThat(devices.state("SIP/lan1", LAN_SERVER)).as("not announced yet").isEmpty();
        assertThat(counters.get(Counters.Counter.FORGED_EID)).isEqualTo(1);

        bindings.declareBridged(BRIDGE, Set.of(LAN_SERVER));
        merger.merge(ReceivedItem.live(BRIDGE_NODE, "SIP/lan1", new DeviceStateElement(DeviceState.INUSE, LAN_SERVER,
                true)));

        assertThat(devices.state("SIP/lan1", LAN_SERVER)).contains(DeviceState.INUSE);
        assertThat(devices.origin("SIP/lan1", LAN_SERVER)).contains(new Origin("asterisk"));
    }

    @Test
    void aCopyOfAnEntityIdWeBridgeIsDroppedWhetherOurEchoOrAnotherBridges() {
        bindings.declare(BRIDGE, BRIDGE_OWN);
        bindings.declareBridged(BRIDGE, Set.of(OUR_LAN_SERVER));

        merger.merge(ReceivedItem.live(SHARED, "SIP/lan1", new DeviceStateElement(DeviceState.INUSE, OUR_LAN_SERVER,
                true), Optional.of(SELF)));
        merger.merge(ReceivedItem.live(BRIDGE_NODE, "SIP/lan1", new DeviceStateElement(DeviceState.BUSY, OUR_LAN_SERVER,
                true)));

        assertThat(devices.state("SIP/lan1", OUR_LAN_SERVER)).isEmpty();
        assertThat(counters.get(Counters.Counter.ECHOES_IGNORED)).isEqualTo(2);
    }

    @Test
    void ourOwnStatesRelayedByABridgeOnOurLanAreDroppedQuietlyNotReportedAsADuplicateEntityId() {
        bindings.declare(BRIDGE, BRIDGE_OWN);
        merger.merge(ReceivedItem.live(BRIDGE_NODE, "SIP/own", new DeviceStateElement(DeviceState.INUSE, OWN, true)));
        assertThat(counters.get(Counters.Counter.DUPLICATE_EID)).as("before it said it relays us").isEqualTo(1);

        relaying.add(BRIDGE);
        merger.merge(ReceivedItem.live(BRIDGE_NODE, "SIP/own", new DeviceStateElement(DeviceState.INUSE, OWN, true)));

        assertThat(counters.get(Counters.Counter.DUPLICATE_EID)).isEqualTo(1);
        assertThat(counters.get(Counters.Counter.ECHOES_IGNORED)).isEqualTo(1);
        assertThat(devices.deviceCount()).isZero();
    }

    @Test
    void anItemThatOvertookThePresenceAnnouncingItsEntityIdIsAppliedAsSoonAsThePresenceBindsIt() {
        bindings.declare(BRIDGE, BRIDGE_OWN);
        merger.merge(ReceivedItem.live(BRIDGE_NODE, "SIP/lan1", new DeviceStateElement(DeviceState.RINGING, LAN_SERVER,
                true)));
        merger.merge(ReceivedItem.live(BRIDGE_NODE, "SIP/lan1", new DeviceStateElement(DeviceState.INUSE, LAN_SERVER,
                true)));
        assertThat(devices.state("SIP/lan1", LAN_SERVER)).as("nobody's yet").isEmpty();

        bindings.declareBridged(BRIDGE, Set.of(LAN_SERVER));
        merger.eidsBound(BRIDGE, Set.of(LAN_SERVER));

        assertThat(devices.state("SIP/lan1", LAN_SERVER)).as("the newest held item").contains(DeviceState.INUSE);
        assertThat(devices.origin("SIP/lan1", LAN_SERVER)).contains(new Origin("asterisk"));
    }

    @Test
    void heldItemsAreBoundedInAgeAndCountAndNeverAppliedForAnotherBuddyOrAnIdStillNobodys() {
        EntityId second = EntityId.parse("00:11:22:33:44:a2");
        bindings.declare(BRIDGE, BRIDGE_OWN);
        merger.merge(ReceivedItem.live(BRIDGE_NODE, "SIP/old", new DeviceStateElement(DeviceState.INUSE, LAN_SERVER,
                true)));
        clock.advance(RefusedItems.HOLD.plusSeconds(1));
        for (int i = 0; i < 4; i++) {
            merger.merge(ReceivedItem.live(BRIDGE_NODE, "SIP/new" + i, new DeviceStateElement(DeviceState.BUSY,
                    LAN_SERVER, true)));
        }
        merger.merge(ReceivedItem.live(BRIDGE_NODE, "SIP/other", new DeviceStateElement(DeviceState.BUSY, second,
                true)));

        bindings.declareBridged(BRIDGE, Set.of(LAN_SERVER));
        merger.eidsBound(BRIDGE_OTHER, Set.of(LAN_SERVER));
        assertThat(devices.deviceCount()).as("another buddy's binding releases nothing").isZero();
        merger.eidsBound(BRIDGE, Set.of(LAN_SERVER));

        assertThat(devices.state("SIP/old", LAN_SERVER)).as("older than the hold").isEmpty();
        assertThat(devices.state("SIP/new0", LAN_SERVER)).as("pushed out by the count bound").isEmpty();
        assertThat(devices.state("SIP/new3", LAN_SERVER)).contains(DeviceState.BUSY);
        assertThat(devices.state("SIP/other", second)).as("still nobody's").isEmpty();
    }
}
