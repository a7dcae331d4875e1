package org.statefed.demo;

import java.time.Duration;
import java.util.Optional;

import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;

/** What the LAN steps need of the demo's three sites; the running cluster, or a fake in tests. */
interface LanSites {

    /** A device of {@code site}'s own changes state (as {@code devstate change} there). */
    void changeDeviceState(DemoSite site, String device, DeviceState state);

    /** The state {@code site}'s table holds for {@code device} under {@code eid}, if any. */
    Optional<DeviceState> state(DemoSite site, String device, EntityId eid);

    /** What {@code site}'s console prints for {@code command}. */
    String console(DemoSite site, String command);

    /** Site A's stale_timeout (every site has the same). */
    Duration staleTimeout();
}
