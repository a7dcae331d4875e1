package org.statefed.state;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a {@link DeviceStateTable} tells its listeners, one readable line per call. */
final class RecordingDeviceListener implements DeviceStateListener {
    private final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void entryChanged(String device, EntityId eid, DeviceState state, boolean cachable) {
        events.add("entry " + device + " " + eid + " " + state + (cachable ? " cachable" : ""));
    }

    @Override
    public void entryRemoved(String device, EntityId eid) {
        events.add("removed " + device + " " + eid);
    }

    @Override
    public void aggregateChanged(String device, DeviceState previous, DeviceState current) {
        events.add("aggregate " + device + " " + previous + "->" + current);
    }

    List<String> events() {
        return List.copyOf(events);
    }

    List<String> aggregateEvents() {
        return events.stream().filter(e -> e.startsWith("aggregate ")).toList();
    }

    void clear() {
        events.clear();
    }
}
