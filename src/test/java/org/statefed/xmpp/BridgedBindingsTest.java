package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.statefed.state.EntityId;

/** Who may speak for an entity id: a bridge speaks for the LAN servers it announces, and only one site may. */
class BridgedBindingsTest {
    private static final EntityBareJid BRIDGE = JidCreate.entityBareFromOrThrowUnchecked("bridge@example.com");
    private static final EntityBareJid OTHER = JidCreate.entityBareFromOrThrowUnchecked("other@example.com");
    private static final EntityId BRIDGE_OWN = EntityId.parse("00:11:22:33:44:01");
    private static final EntityId OTHER_OWN = EntityId.parse("00:11:22:33:44:02");
    private static final EntityId LAN1 = EntityId.parse("00:11:22:33:44:a1");
    private static final EntityId LAN2 = EntityId.parse("00:11:22:33:44:a2");

    private final EntityBindings bindings = new EntityBindings();

    @Test
    void itemsUnderAnAnnouncedBridgedIdAreAcceptedFromTheBridgeOnly() {
        bindings.declare(BRIDGE, BRIDGE_OWN);
        bindings.declare(OTHER, OTHER_OWN);
        assertThat(bindings.check(BRIDGE, LAN1)).as("not announced yet").isEqualTo(EntityBindings.Verdict.FORGED);

        EntityBindings.BridgedChange change = bindings.declareBridged(BRIDGE, Set.of(LAN1, LAN2));

        assertThat(change.added()).containsExactlyInAnyOrder(LAN1, LAN2);
        assertThat(bindings.check(BRIDGE, LAN1)).isEqualTo(EntityBindings.Verdict.BOUND);
        assertThat(bindings.check(BRIDGE, BRIDGE_OWN)).isEqualTo(EntityBindings.Verdict.BOUND);
        assertThat(bindings.check(OTHER, LAN1)).isEqualTo(EntityBindings.Verdict.FORGED);
        assertThat(bindings.eidOf(BRIDGE)).as("its own id stays its current one").contains(BRIDGE_OWN);
        assertThat(bindings.eidsOf(BRIDGE)).as("its bridged ids go stale with it")
                .containsExactlyInAnyOrder(BRIDGE_OWN, LAN1, LAN2);
    }

    @Test
    void aSecondSiteClaimingABridgedIdIsAConflictNamingTheHolderAndItsItemsAreRefused() {
        bindings.declare(BRIDGE, BRIDGE_OWN);
        bindings.declare(OTHER, OTHER_OWN);
        bindings.declareBridged(BRIDGE, Set.of(LAN1));

        EntityBindings.BridgedChange change = bindings.declareBridged(OTHER, Set.of(LAN1, LAN2));

        assertThat(change.conflicts()).isEqualTo(Map.of(LAN1, BRIDGE));
        assertThat(change.added()).containsExactly(LAN2);
        assertThat(bindings.check(OTHER, LAN1)).isEqualTo(EntityBindings.Verdict.FORGED);
        assertThat(bindings.check(BRIDGE, LAN1)).isEqualTo(EntityBindings.Verdict.BOUND);
    }

    @Test
    void whenTheHolderLeavesTheContendingBridgeGetsTheIdButKeepsItsOwnCurrentId() {
        bindings.declare(BRIDGE, BRIDGE_OWN);
        bindings.declare(OTHER, OTHER_OWN);
        bindings.declareBridged(BRIDGE, Set.of(LAN1));
        bindings.declareBridged(OTHER, Set.of(LAN1));

        assertThat(bindings.release(BRIDGE)).containsExactly(new EntityBindings.Transfer(LAN1, BRIDGE, OTHER));

        assertThat(bindings.check(OTHER, LAN1)).isEqualTo(EntityBindings.Verdict.BOUND);
        assertThat(bindings.eidOf(OTHER)).contains(OTHER_OWN);
    }

    @Test
    void aBridgedIdThatIsAnotherSitesOwnIsLeftToThatSiteWithoutAConflict() {
        bindings.declare(BRIDGE, BRIDGE_OWN);
        bindings.declare(OTHER, OTHER_OWN);

        EntityBindings.BridgedChange change = bindings.declareBridged(BRIDGE, Set.of(OTHER_OWN));

        assertThat(change.relayed()).containsExactly(OTHER_OWN);
        assertThat(change.conflicts()).isEmpty();
        assertThat(bindings.check(BRIDGE, OTHER_OWN)).isEqualTo(EntityBindings.Verdict.FORGED);
        assertThat(bindings.check(OTHER, OTHER_OWN)).isEqualTo(EntityBindings.Verdict.BOUND);
    }

    @Test
    void anIdNoLongerAnnouncedIsReportedDroppedAndStaysBoundUntilForgotten() {
        bindings.declare(BRIDGE, BRIDGE_OWN);
        bindings.declareBridged(BRIDGE, Set.of(LAN1, LAN2));

        EntityBindings.BridgedChange change = bindings.declareBridged(BRIDGE, Set.of(LAN2));

        assertThat(change.dropped()).containsExactly(LAN1);
        assertThat(change.added()).isEmpty();
        assertThat(bindings.buddyOf(LAN1)).contains(BRIDGE);
        assertThat(bindings.check(BRIDGE, LAN1)).as("no longer announced").isEqualTo(EntityBindings.Verdict.FORGED);
        bindings.forget(BRIDGE, LAN1);
        assertThat(bindings.buddyOf(LAN1)).isEmpty();
    }
}
