package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;
import org.statefed.state.MutableClock;
import org.statefed.state.MwiTable;

class LocalStateSourceTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

    @Test
    void aRepublishRunsUnderTheLockThatLocalChangesHold() {
        // Local changes update the table and publish under this lock; a republish reading the table and
        // submitting outside it could submit an older value after a newer one.
        Object changeLock = new Object();
        LocalStateSource local = new LocalStateSource(EntityId.parse("00:11:22:33:44:01"), new DeviceStateTable(clock),
                new MwiTable(clock), changeLock);
        AtomicBoolean held = new AtomicBoolean();
        local.whileUnchanged(() -> held.set(Thread.holdsLock(changeLock)));
        assertThat(held).isTrue();
    }
}
