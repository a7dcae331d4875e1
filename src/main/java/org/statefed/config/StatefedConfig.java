package org.statefed.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A whole, validated configuration file.
 *
 * @param file the file it was read from
 * @param general the {@code [general]} section
 * @param clients client sections in file order
 * @param corosyncLinks {@code type = corosync} sections in file order
 * @param hints {@code exten@context} to device list ({@code Custom:a&SIP/100}), in file order
 * @param notices things {@code check-config} reports that do not stop statefed (ignored keys, a
 *     derived entity id, plain-text connections)
 * @param sectionOrder names of the sections in file order ({@code general}, {@code hints} and the
 *     clients'), so that listings follow the file
 * @param sipPublications {@code type = sip_publication} sections in file order
 */
public record StatefedConfig(
        Path file,
        GeneralConfig general,
        List<ClientConfig> clients,
        List<CorosyncConfig> corosyncLinks,
        Map<String, String> hints,
        List<String> notices,
        List<String> sectionOrder,
        List<SipPublicationConfig> sipPublications) {

    public StatefedConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(general, "general");
        clients = List.copyOf(clients);
        corosyncLinks = List.copyOf(corosyncLinks);
        hints = Collections.unmodifiableMap(new LinkedHashMap<>(hints));
        notices = List.copyOf(notices);
        sectionOrder = List.copyOf(sectionOrder);
        sipPublications = List.copyOf(sipPublications);
    }

    /** A configuration with neither Corosync links nor SIP publication sections. */
    public StatefedConfig(Path file, GeneralConfig general, List<ClientConfig> clients, Map<String, String> hints,
            List<String> notices, List<String> sectionOrder) {
        this(file, general, clients, List.of(), hints, notices, sectionOrder, List.of());
    }

    /** A configuration without SIP publication sections. */
    public StatefedConfig(Path file, GeneralConfig general, List<ClientConfig> clients,
            List<CorosyncConfig> corosyncLinks, Map<String, String> hints, List<String> notices,
            List<String> sectionOrder) {
        this(file, general, clients, corosyncLinks, hints, notices, sectionOrder, List.of());
    }

    /** A configuration without Corosync links. */
    public StatefedConfig(Path file, GeneralConfig general, List<ClientConfig> clients, Map<String, String> hints,
            List<String> notices, List<String> sectionOrder, List<SipPublicationConfig> sipPublications) {
        this(file, general, clients, List.of(), hints, notices, sectionOrder, sipPublications);
    }

    /** A configuration whose sections are listed general first, then the clients, then hints. */
    public StatefedConfig(Path file, GeneralConfig general, List<ClientConfig> clients, Map<String, String> hints,
            List<String> notices) {
        this(file, general, clients, List.of(), hints, notices, defaultOrder(clients), List.of());
    }

    /** The client sections that share events ({@code distribute_events=yes}, type client). */
    public List<ClientConfig> distributingClients() {
        return clients.stream()
                .filter(c -> c.distributeEvents() && c.type() == ClientType.CLIENT)
                .toList();
    }

    private static List<String> defaultOrder(List<ClientConfig> clients) {
        List<String> order = new ArrayList<>();
        order.add("general");
        clients.forEach(c -> order.add(c.name()));
        order.add("hints");
        return order;
    }
}
