package org.statefed.it;

/**
 * What the scale scenario measured at one (server, sites, devices per site) point; NaN where a phase did
 * not finish within its limit.
 *
 * @param stormSeconds statefed: from the first change of the storm until every site holds every other
 *                     site's final values
 * @param rawStormSeconds raw Smack: from the first publish until every connection got every other node's items
 * @param restartSeconds statefed: a restarted site from {@code start()} until it holds every other site's values
 * @param rawRestartSeconds raw Smack: a fresh connection logging in and fetching the other N − 1 nodes
 * @param cpuPerChangeMicros statefed JVM CPU per applied (device, site) change at a receiving site
 * @param rawCpuPerEventMicros raw JVM CPU per event received
 * @param serverCpuPerChangeMicros server CPU per applied change during statefed's storm
 * @param rawServerCpuPerEventMicros server CPU per received event during the raw storm
 * @param heapPerSiteBytes GC'd heap of the started, empty cluster per site
 * @param heapPerEntryBytes GC'd heap added by the storm per (device, site) entry held (N × N × D of them)
 * @param setUpSeconds every site started and through its session set-up
 * @param published publishes statefed's sites sent in the storm
 */
record ScalePoint(String server, int sites, int devices, double stormSeconds, double rawStormSeconds,
        double restartSeconds, double rawRestartSeconds, double cpuPerChangeMicros, double rawCpuPerEventMicros,
        double serverCpuPerChangeMicros, double rawServerCpuPerEventMicros, double heapPerSiteBytes,
        double heapPerEntryBytes, double setUpSeconds, long published) {

    /** Changes applied across the cluster by one storm: every site receives every other site's devices. */
    long appliedChanges() {
        return (long) sites * (sites - 1) * devices;
    }
}
