package org.statefed.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jxmpp.jid.EntityBareJid;

import org.ini4j.Ini;

/**
 * Reads Asterisk's {@code jabber.conf}/{@code xmpp.conf} with statefed's additions into a
 * {@link StatefedConfig}, or fails with a {@link ConfigException} listing every mistake in the file.
 *
 * <p>Sections: {@code [general]} (Asterisk's global keys plus statefed's {@code entityid},
 * {@code admin_socket}, {@code pubsub_layout}, {@code stale_timeout}, {@code state_file}), {@code [hints]} (statefed's),
 * and any other section is an XMPP account. Asterisk keys statefed does not use are accepted and
 * reported as notices; unknown keys are errors.
 */
public final class ConfigReader {
    /**
     * Largest file read: Asterisk's sample jabber.conf is 5 KB, and even the most buddies allowed
     * ({@link ClientReader#MAX_BUDDIES}) with long comments stay far below.
     */
    static final int MAX_BYTES = 1024 * 1024;

    private final MacAddressSource macAddresses;

    /** A reader that derives a missing entity id from this machine's MAC address. */
    public ConfigReader() {
        this(new NetworkMacAddressSource());
    }

    /** A reader that derives a missing entity id from {@code macAddresses}. */
    public ConfigReader(MacAddressSource macAddresses) {
        this.macAddresses = Objects.requireNonNull(macAddresses, "macAddresses");
    }

    /**
     * Reads and validates {@code file}.
     *
     * @param file the configuration file; relative paths inside it are resolved against its directory
     * @throws ConfigException listing every error, when the file cannot be read or is not valid
     */
    public StatefedConfig read(Path file) throws ConfigException {
        Findings findings = new Findings(file);
        Optional<String> text = readText(file, findings);
        if (text.isEmpty()) {
            throw findings.failure();
        }
        ScannedText scanned = ConfigScanner.scan(text.get().lines().toList(), findings);
        Optional<Ini> ini = IniLoader.load(scanned.normalized(), findings);
        if (ini.isEmpty()) {
            throw findings.failure();
        }
        Map<ScannedSection, Map<String, List<Setting>>> sections =
                mergeRepeated(IniLoader.settings(ini.get(), scanned.sections()));

        Optional<GeneralConfig> general = Optional.empty();
        boolean sawGeneral = false;
        List<ClientConfig> clients = new ArrayList<>();
        List<CorosyncConfig> corosyncLinks = new ArrayList<>();
        List<SipPublicationConfig> sipPublications = new ArrayList<>();
        Map<String, String> hints = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        int clientSections = 0;
        for (Map.Entry<ScannedSection, Map<String, List<Setting>>> entry : sections.entrySet()) {
            ScannedSection section = entry.getKey();
            SectionValues values = new SectionValues(section.name(), section.headerLine(), entry.getValue(), findings);
            order.add(section.name());
            switch (section.kind()) {
                case GENERAL -> {
                    general = new GeneralReader(values, file, macAddresses, findings).read();
                    sawGeneral = true;
                }
                case HINTS -> hints.putAll(new HintsReader(values).read());
                case CLIENT -> {
                    if (SipPublicationReader.isSipPublication(values)) {
                        Optional<SipPublicationConfig> sip = new SipPublicationReader(values).read();
                        clientSections++;
                        sip.ifPresentOrElse(sipPublications::add, () -> order.remove(section.name()));
                        continue;
                    }
                    if (isCorosync(values, findings)) {
                        new CorosyncReader(values, findings).read()
                                .ifPresentOrElse(corosyncLinks::add, () -> order.remove(section.name()));
                        continue;
                    }
                    Optional<ClientConfig> client = new ClientReader(values, file, findings).read();
                    if (client.isPresent() || values.hadErrors()) {
                        clientSections++;
                    }
                    client.ifPresentOrElse(clients::add, () -> order.remove(section.name()));
                }
                default -> throw new IllegalStateException("unhandled section kind " + section.kind());
            }
        }
        if (!sawGeneral) {
            SectionValues absent = new SectionValues("general", null, Map.of(), findings);
            general = new GeneralReader(absent, file, macAddresses, findings).read();
            order.add(0, "general");
        }
        if (clientSections == 0 && scanned.skippedSections() == 0) {
            findings.error(null, null, null, null, "no client section; add one, e.g. [asterisk] with serverhost,"
                    + " username, secret and pubsub_node, and distribute_events = yes");
        }
        SipPublicationRoutes.check(sipPublications, sections.keySet(), findings);
        if (findings.hasErrors()) {
            throw findings.failure();
        }
        if (clients.stream().noneMatch(ClientConfig::distributeEvents) && sipPublications.isEmpty()) {
            findings.notice("no client section has distribute_events = yes, so statefed will share no device"
                    + " state or MWI");
        }
        crossDomainBuddiesOfASharedNode(general.orElseThrow(), clients, findings);
        return new StatefedConfig(file, general.orElseThrow(), clients, corosyncLinks, hints, findings.notices(),
                order, sipPublications);
    }

    /**
     * Whether a section other than general and hints is a Corosync link ({@code type = corosync}) rather
     * than an XMPP account. A section named {@code [corosync]} without a type is an error: read as an
     * account, it would bring a round of "serverhost is required" that says nothing about the mistake.
     */
    private static boolean isCorosync(SectionValues values, Findings findings) {
        Optional<Setting> type = values.setting("type");
        if (type.isPresent()) {
            return type.get().value().equalsIgnoreCase(CorosyncConfig.TYPE);
        }
        if (values.section().equalsIgnoreCase(CorosyncConfig.TYPE)) {
            values.missing("type", "is required; a Corosync link is written type = corosync (an XMPP account"
                    + " section needs another name, e.g. [asterisk])");
            return true;
        }
        return false;
    }

    /**
     * A section written twice is an error (reported by the scan); its keys are read as one section,
     * as the user is told to write it, so that the second header does not bring a second round of
     * "is required" errors.
     */
    private static Map<ScannedSection, Map<String, List<Setting>>> mergeRepeated(
            Map<ScannedSection, Map<String, List<Setting>>> sections) {
        Map<String, ScannedSection> first = new LinkedHashMap<>();
        Map<ScannedSection, Map<String, List<Setting>>> merged = new LinkedHashMap<>();
        sections.forEach((section, settings) -> {
            ScannedSection owner = first.computeIfAbsent(section.identity(), id -> section);
            Map<String, List<Setting>> into = merged.computeIfAbsent(owner, s -> new LinkedHashMap<>());
            settings.forEach((key, values) -> into.merge(key, values, (a, b) -> {
                List<Setting> both = new ArrayList<>(a);
                both.addAll(b);
                return List.copyOf(both);
            }));
        });
        return merged;
    }

    private static Optional<String> readText(Path file, Findings findings) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                findings.error(null, null, null, null, "is a directory; give the configuration file itself,"
                        + " e.g. " + file.resolve("jabber.conf"));
                return Optional.empty();
            }
            bytes = BoundedFile.read(file, MAX_BYTES, "the configuration file itself, e.g. /etc/asterisk/jabber.conf");
        } catch (BoundedFile.UnreadableException e) {
            findings.error(null, null, null, null, e.getMessage());
            return Optional.empty();
        } catch (NoSuchFileException e) {
            findings.error(null, null, null, null, "cannot read the configuration file: no such file ("
                    + file.toAbsolutePath() + ")");
            return Optional.empty();
        } catch (AccessDeniedException e) {
            findings.error(null, null, null, null, "cannot read the configuration file: permission denied;"
                    + " statefed needs read access to it");
            return Optional.empty();
        } catch (IOException e) {
            findings.error(null, null, null, null, "cannot read the configuration file: " + e);
            return Optional.empty();
        }
        return decode(bytes, findings);
    }

    /** Strict UTF-8, so that a password in another encoding is reported, not silently garbled. */
    private static Optional<String> decode(byte[] bytes, Findings findings) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (CharacterCodingException e) {
            findings.error(null, null, firstBadLine(bytes), null,
                    "this line is not UTF-8 text; save the file as UTF-8");
            return Optional.empty();
        }
    }

    private static int firstBadLine(byte[] bytes) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                try {
                    StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes, start, i - start));
                } catch (CharacterCodingException e) {
                    return line;
                }
                line++;
                start = i + 1;
            }
        }
        return line;
    }

    /**
     * The asterisk layout shares two nodes on the one configured service: sites of other domains use it across
     * s2s (FederatedServersIT: prosody and ejabberd), but only accounts its server lets create nodes can create
     * them, which by default leaves out accounts of other domains: worth a notice, not an error.
     */
    private static void crossDomainBuddiesOfASharedNode(GeneralConfig general, List<ClientConfig> clients,
            Findings findings) {
        if (general.pubsubLayout() != PubsubLayout.ASTERISK) {
            return;
        }
        for (ClientConfig client : clients) {
            if (!client.hasPubsubService()) {
                continue;
            }
            List<EntityBareJid> foreign = client.buddies().stream()
                    .filter(b -> !b.asDomainBareJid().equals(client.jid().asDomainBareJid())).toList();
            if (!foreign.isEmpty()) {
                findings.notice("[" + client.name() + "] buddies on another domain than " + client.jid()
                        .asDomainBareJid() + " " + foreign + " with pubsub_layout = asterisk: every site must name"
                        + " the same pubsub_node, here " + client.pubsubService() + "; sites on other servers use it"
                        + " across s2s, but only accounts its server lets create nodes can create the two shared nodes"
                        + " (by default not accounts of other domains): a site on that server must start first, or its"
                        + " admin allows them; with servers per region, pubsub_layout = per-site or pep keeps each"
                        + " site's nodes on its own server");
            }
        }
    }
}
