package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.statefed.state.EntityId;

class EntityBindingsTest {
    private static final EntityBareJid SITE2 = JidCreate.entityBareFromOrThrowUnchecked("site2@example.com");
    private static final EntityBareJid SQUATTER = JidCreate.entityBareFromOrThrowUnchecked("squatter@example.com");
    private static final EntityId AA = EntityId.parse("00:11:22:33:44:aa");
    private static final EntityId BB = EntityId.parse("00:11:22:33:44:bb");

    private final EntityBindings bindings = new EntityBindings();

    @Test
    void aBuddyThatAnnouncesANewIdKeepsTheOldOneBoundUntilItIsForgotten() {
        bindings.declare(SITE2, AA);
        bindings.declare(SITE2, BB);
        assertThat(bindings.eidOf(SITE2)).contains(BB);
        assertThat(bindings.eidsOf(SITE2)).containsExactlyInAnyOrder(AA, BB);
        // Nobody else may take the old id while its states are still around.
        assertThat(bindings.declare(SQUATTER, AA)).isEqualTo(EntityBindings.Verdict.FORGED);
        // Items still carrying the old id are not the buddy's current states.
        assertThat(bindings.check(SITE2, AA)).isEqualTo(EntityBindings.Verdict.FORGED);

        bindings.forget(SITE2, AA);
        assertThat(bindings.eidsOf(SITE2)).containsExactly(BB);
        bindings.forget(SITE2, BB);
        assertThat(bindings.eidsOf(SITE2)).as("the current id stays").containsExactly(BB);
    }

    @Test
    void anIdTakenFirstBySomeoneElsePassesToTheContenderWhenTheClaimantLeaves() {
        assertThat(bindings.declare(SQUATTER, AA)).isEqualTo(EntityBindings.Verdict.BOUND);
        assertThat(bindings.declare(SITE2, AA)).isEqualTo(EntityBindings.Verdict.FORGED);
        assertThat(bindings.check(SITE2, AA)).isEqualTo(EntityBindings.Verdict.FORGED);

        assertThat(bindings.release(SQUATTER)).containsExactly(new EntityBindings.Transfer(AA, SQUATTER, SITE2));
        assertThat(bindings.eidOf(SITE2)).contains(AA);
        assertThat(bindings.eidOf(SQUATTER)).isEmpty();
        assertThat(bindings.check(SITE2, AA)).isEqualTo(EntityBindings.Verdict.BOUND);
        assertThat(bindings.check(SQUATTER, AA)).isEqualTo(EntityBindings.Verdict.FORGED);
    }

    @Test
    void aClaimantLeavingWithoutContenderKeepsItsIdsForStaleHandling() {
        bindings.declare(SITE2, AA);
        assertThat(bindings.release(SITE2)).isEmpty();
        assertThat(bindings.eidsOf(SITE2)).containsExactly(AA);
    }

    @Test
    void theContenderLeavingFirstResolvesNothing() {
        bindings.declare(SQUATTER, AA);
        bindings.declare(SITE2, AA);
        assertThat(bindings.release(SITE2)).isEmpty();
        assertThat(bindings.buddyOf(AA)).contains(SQUATTER);
    }
}
