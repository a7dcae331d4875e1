package org.statefed.config;

import java.util.Objects;

import org.statefed.state.EntityId;

/**
 * A network interface's hardware address, from which a default entity id is derived when
 * {@code entityid} is not set.
 *
 * @param interfaceName e.g. {@code eth0}
 * @param address the six address bytes as an entity id
 */
public record MacAddress(String interfaceName, EntityId address) {

    public MacAddress {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(address, "address");
        if (address.value() == 0) {
            throw new IllegalArgumentException("an all-zero MAC address names no interface");
        }
    }
}
