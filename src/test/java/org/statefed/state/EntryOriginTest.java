package org.statefed.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Each table entry knows the link it was learned from; listeners and snapshots see it. */
class EntryOriginTest {
    private static final EntityId SITE = EntityId.parse("00:00:00:00:00:02");
    private static final Origin COROSYNC = new Origin("corosync");
    private static final Origin XMPP = new Origin("asterisk");
    private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(START);

    @Test
    void deviceEntryCarriesTheOriginOfItsLastUpdateToListenersAndSnapshots() {
        DeviceStateTable table = new DeviceStateTable(clock);
        List<String> seen = new ArrayList<>();
        table.addListener(new DeviceStateListener() {
            @Override
            public void entryChanged(String device, EntityId eid, DeviceState state, boolean cachable, Origin origin) {
                seen.add(device + " " + state + " from " + origin);
            }
        });

        table.update("SIP/100", SITE, DeviceState.INUSE, true, COROSYNC);
        table.update("SIP/100", SITE, DeviceState.RINGING, true, XMPP);

        assertThat(seen).containsExactly("SIP/100 INUSE from corosync", "SIP/100 RINGING from asterisk");
        assertThat(table.origin("SIP/100", SITE)).contains(XMPP);
        assertThat(table.snapshot("SIP/100").orElseThrow().entries()).singleElement()
                .extracting(EntrySnapshot::origin).isEqualTo(XMPP);
    }

    @Test
    void updateWithoutAnOriginIsLocal() {
        DeviceStateTable table = new DeviceStateTable(clock);

        table.update("SIP/100", SITE, DeviceState.INUSE, true);

        assertThat(table.origin("SIP/100", SITE)).contains(Origin.LOCAL);
        assertThat(table.origin("SIP/200", SITE)).isEmpty();
    }

    @Test
    void oldFourArgumentListenersStillHearEveryChange() {
        DeviceStateTable table = new DeviceStateTable(clock);
        RecordingDeviceListener listener = new RecordingDeviceListener();
        table.addListener(listener);

        table.update("SIP/100", SITE, DeviceState.INUSE, true, COROSYNC);

        assertThat(listener.events()).contains("entry SIP/100 " + SITE + " INUSE cachable");
    }

    @Test
    void restoredEntriesAreRestoredUntilALinkConfirmsThem() {
        DeviceStateTable devices = new DeviceStateTable(clock);
        MwiTable mailboxes = new MwiTable(clock);
        devices.restore("SIP/100", SITE, DeviceState.INUSE, true, START.minusSeconds(60));
        mailboxes.restore("100@default", SITE, new MwiCounts(1, 0), START.minusSeconds(60));

        assertThat(devices.origin("SIP/100", SITE)).contains(Origin.RESTORED);
        assertThat(mailboxes.origin("100@default", SITE)).contains(Origin.RESTORED);
        assertThat(mailboxes.snapshot().get(0).entries().get(0).origin()).isEqualTo(Origin.RESTORED);

        devices.update("SIP/100", SITE, DeviceState.INUSE, true, COROSYNC);
        mailboxes.update("100@default", SITE, new MwiCounts(1, 0), COROSYNC);

        assertThat(devices.origin("SIP/100", SITE)).contains(COROSYNC);
        assertThat(mailboxes.origin("100@default", SITE)).contains(COROSYNC);
    }

    @Test
    void mailboxEntryCarriesTheOriginOfItsLastUpdateToListeners() {
        MwiTable table = new MwiTable(clock);
        List<String> seen = new ArrayList<>();
        table.addListener(new MwiListener() {
            @Override
            public void entryChanged(String mailbox, EntityId eid, MwiCounts counts, Origin origin) {
                seen.add(mailbox + " " + counts + " from " + origin);
            }
        });

        table.update("100@default", SITE, new MwiCounts(2, 1), COROSYNC);

        assertThat(seen).containsExactly("100@default " + new MwiCounts(2, 1) + " from corosync");
        assertThat(table.snapshot("100@default").map(s -> s.entries().get(0).origin())).isEqualTo(Optional.of(COROSYNC));
    }
}
