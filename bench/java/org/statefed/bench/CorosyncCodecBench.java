package org.statefed.bench;

import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.statefed.corosync.codec.DecodedEvent;
import org.statefed.corosync.codec.DeviceStateChange;
import org.statefed.corosync.codec.EventDecoder;
import org.statefed.corosync.codec.EventEncoder;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;

/**
 * The res_corosync codec per event: a device state change as Asterisk sent it (capture message [15],
 * Custom:x INUSE from 00:11:22:33:44:01), decoded from its bytes and encoded back.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CorosyncCodecBench {
    private static final byte[] CAPTURED = HexFormat.of().parseHex(
            "0006002f0007000dd4c7f61d437573746f6d3a78000008000400000002003d00040000000100210006001122334401");

    private final DeviceStateChange change =
            new DeviceStateChange("Custom:x", DeviceState.INUSE, true, EntityId.parse("00:11:22:33:44:01"));

    @Benchmark
    public DecodedEvent decode() {
        return EventDecoder.decode(CAPTURED);
    }

    @Benchmark
    public byte[] encode() {
        return EventEncoder.encode(change);
    }
}
