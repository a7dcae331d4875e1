package org.statefed.config;

import java.io.IOException;
import java.util.Optional;

/**
 * Where {@link ConfigReader} finds the MAC address to derive a default entity id from, like
 * Asterisk's {@code ast_set_default_eid}. Tests pass their own; {@link NetworkMacAddressSource}
 * asks the machine.
 */
@FunctionalInterface
public interface MacAddressSource {

    /**
     * The address to use, or empty when the machine has none.
     *
     * @throws IOException when the network interfaces cannot be listed
     */
    Optional<MacAddress> find() throws IOException;
}
