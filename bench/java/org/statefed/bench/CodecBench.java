package org.statefed.bench;

import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.wire.DecodedItem;
import org.statefed.wire.DeviceStateElement;
import org.statefed.wire.DeviceStateProvider;
import org.statefed.wire.ItemDecoder;
import org.statefed.wire.ItemEncoder;

/**
 * The wire codec per item: encoding a device state item to its XML, and decoding the payload XML
 * (a fresh pull parser per item, which Smack's reader does not pay, so decode is an upper bound).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBench {
    private static final String DEVICE = "PJSIP/1001";
    private static final String PAYLOAD =
            "<state xmlns='http://asterisk.org' eid='00:11:22:33:44:01' cachable='1'>INUSE</state>";

    private final DeviceStateElement element =
            new DeviceStateElement(DeviceState.INUSE, EntityId.parse("00:11:22:33:44:01"), true);
    private final DeviceStateProvider provider = new DeviceStateProvider();

    @Benchmark
    public String encode() {
        return ItemEncoder.deviceState(DEVICE, element).toXML().toString();
    }

    @Benchmark
    public DecodedItem decode() throws Exception {
        XmlPullParser parser = PacketParserUtils.getParserFor(PAYLOAD);
        return ItemDecoder.decode(DEVICE, provider.parse(parser));
    }
}
