package org.statefed.config;

import java.io.IOException;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

import org.statefed.state.EntityId;

/**
 * The machine's first usable MAC address: of the interfaces that are up and not loopback, in
 * interface-name order, the first with a six-byte, non-zero hardware address. Name order makes the
 * choice repeatable across restarts, which is the point of an entity id.
 */
public final class NetworkMacAddressSource implements MacAddressSource {

    @Override
    public Optional<MacAddress> find() throws IOException {
        Enumeration<NetworkInterface> found = NetworkInterface.getNetworkInterfaces();
        if (found == null) {
            return Optional.empty();
        }
        List<NetworkInterface> interfaces = Collections.list(found);
        interfaces.sort(Comparator.comparing(NetworkInterface::getName));
        for (NetworkInterface candidate : interfaces) {
            if (!candidate.isUp() || candidate.isLoopback()) {
                continue;
            }
            byte[] address = candidate.getHardwareAddress();
            if (address == null || address.length != 6) {
                continue;
            }
            EntityId id = EntityId.ofBytes(address);
            if (id.value() != 0) {
                return Optional.of(new MacAddress(candidate.getName(), id));
            }
        }
        return Optional.empty();
    }
}
