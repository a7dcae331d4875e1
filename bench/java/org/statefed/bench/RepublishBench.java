package org.statefed.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.statefed.node.DeviceStateUpdate;
import org.statefed.node.Link;
import org.statefed.node.LinkContext;
import org.statefed.node.LinkKind;
import org.statefed.node.LinkStatus;
import org.statefed.node.MailboxUpdate;
import org.statefed.node.Router;
import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;
import org.statefed.state.MwiTable;
import org.statefed.state.Origin;

/**
 * What a republish or refresh answer reads (issue 15): the states a WAN link carries, out of a site's
 * table of {@link #DEVICES} own devices and as many from each of the other sites. {@code wanLink} is what
 * an XMPP link reads (its own 1000, from the router's index); {@code lanLink} is what a LAN link reads
 * (everything, from a whole-table scan: what the WAN read cost before the index).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RepublishBench {
    static final int DEVICES = 1000;

    @Param({"10", "50"})
    public int sites;

    private Router router;
    private DeviceStateTable devices;
    private MwiTable mailboxes;
    private Link wan;
    private Link lan;

    @Setup
    public void fill() {
        EntityId own = new EntityId(0x001122334400L);
        wan = new NullLink("asterisk", LinkKind.XMPP);
        lan = new NullLink("corosync", LinkKind.COROSYNC);
        router = new Router(own, List.of(wan, lan));
        devices = new DeviceStateTable(Clock.systemUTC());
        mailboxes = new MwiTable(Clock.systemUTC());
        router.attach(devices, mailboxes);
        for (int s = 0; s < sites; s++) {
            EntityId eid = new EntityId(0x001122334400L + s);
            for (int d = 0; d < DEVICES; d++) {
                devices.update("PJSIP/s" + s + "-" + d, eid, DeviceState.NOT_INUSE, true,
                        s == 0 ? Origin.LOCAL : new Origin("asterisk"));
            }
        }
    }

    @Benchmark
    public List<DeviceStateUpdate> wanLink() {
        return router.deviceStatesFor(wan, devices);
    }

    @Benchmark
    public List<DeviceStateUpdate> lanLink() {
        return router.deviceStatesFor(lan, devices);
    }

    /** A link that drops everything: only the router's reads are measured. */
    private record NullLink(String name, LinkKind kind) implements Link {
        @Override
        public void start(LinkContext context) {
        }

        @Override
        public void sendDeviceState(DeviceStateUpdate update) {
        }

        @Override
        public void sendMailbox(MailboxUpdate update) {
        }

        @Override
        public void stop(Duration timeout) {
        }

        @Override
        public LinkStatus status() {
            return new LinkStatus(name, kind, "up", true, 0, List.of());
        }
    }
}
