package org.statefed.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A whole, validated configuration file.
 *
 * @param file the file it was read from
 * @param general the {@code [general]} section
 * @param clients client sections in file order
 * @param hints {@code exten@context} to device list ({@code Custom:a&SIP/100}), in file order
 * @param notices things {@code check-config} reports that do not stop statefed (ignored keys, a
 *     derived entity id, plain-text connections)
 */
public record StatefedConfig(
        Path file,
        GeneralConfig general,
        List<ClientConfig> clients,
        Map<String, String> hints,
        List<String> notices) {

    public StatefedConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(general, "general");
        clients = List.copyOf(clients);
        hints = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hints));
        notices = List.copyOf(notices);
    }

    /** The client sections that share events ({@code distribute_events=yes}, type client). */
    public List<ClientConfig> distributingClients() {
        return clients.stream()
                .filter(c -> c.distributeEvents() && c.type() == ClientType.CLIENT)
                .toList();
    }
}
