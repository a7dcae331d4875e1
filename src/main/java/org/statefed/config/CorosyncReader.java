package org.statefed.config;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one {@code type = corosync} section into a {@link CorosyncConfig}. Its keys are those of
 * Asterisk's res_corosync.conf {@code [general]} ({@code publish_event}, {@code subscribe_event}), plus
 * {@code group}, the CPG group, fixed to {@code asterisk} in res_corosync.
 */
final class CorosyncReader {
    /** libcpg's {@code CPG_MAX_NAME_LENGTH}: a longer group name is refused by cpg_join. */
    static final int MAX_GROUP_BYTES = 128;
    private static final String ALLOWED = "must be mwi or device_state";
    /** Accepted as res_corosync accepts them, though both are always exchanged. */
    private static final Set<String> ALWAYS_ON = Set.of("ping", "cluster_discovery");
    private static final Map<String, CorosyncEventType> WORDS = Map.of(
            "mwi", CorosyncEventType.MWI, "device_state", CorosyncEventType.DEVICE_STATE);

    private final SectionValues values;
    private final Findings findings;

    CorosyncReader(SectionValues values, Findings findings) {
        this.values = values;
        this.findings = findings;
    }

    /** The link, or empty if the section has errors (they are in the findings). */
    Optional<CorosyncConfig> read() {
        values.checkKeys(KnownKeys.COROSYNC, KnownKeys.CLIENT, "a client section", "a corosync section");
        String group = group();
        Set<CorosyncEventType> publish = events("publish_event");
        Set<CorosyncEventType> subscribe = events("subscribe_event");
        if (values.hadErrors()) {
            return Optional.empty();
        }
        if (publish.isEmpty() && subscribe.isEmpty()) {
            findings.notice("[" + values.section() + "] has no publish_event and no subscribe_event, so statefed"
                    + " shares nothing with CPG group \"" + group + "\" (as res_corosync would); add e.g."
                    + " publish_event = device_state and subscribe_event = device_state");
        }
        return Optional.of(new CorosyncConfig(values.section(), group, publish, subscribe));
    }

    private String group() {
        Optional<Setting> setting = values.setting("group");
        if (setting.isEmpty()) {
            return CorosyncConfig.DEFAULT_GROUP;
        }
        String group = setting.get().value();
        int bytes = group.getBytes(StandardCharsets.UTF_8).length;
        if (group.isEmpty()) {
            values.error(setting.get(), "must be the CPG group name the Asterisk servers join; res_corosync"
                    + " always joins " + CorosyncConfig.DEFAULT_GROUP + ", so leave the key out to use that");
        } else if (bytes > MAX_GROUP_BYTES) {
            values.errorWithoutValue(setting.get(), "is " + bytes + " bytes long; corosync allows at most "
                    + MAX_GROUP_BYTES + " (CPG_MAX_NAME_LENGTH); res_corosync's group is "
                    + CorosyncConfig.DEFAULT_GROUP);
        } else if (group.chars().anyMatch(Character::isISOControl)) {
            values.errorWithoutValue(setting.get(), "contains a control character; write the group name as"
                    + " plain text, e.g. " + CorosyncConfig.DEFAULT_GROUP);
        }
        return group;
    }

    private Set<CorosyncEventType> events(String key) {
        Set<CorosyncEventType> events = new LinkedHashSet<>();
        Map<String, Setting> seen = new LinkedHashMap<>();
        for (Setting setting : values.all(key)) {
            String word = setting.value().toLowerCase(Locale.ROOT);
            Setting first = seen.putIfAbsent(word, setting);
            if (first != null) {
                findings.notice("[" + values.section() + "] " + setting.writtenKey() + " = " + setting.value()
                        + " (line " + setting.line() + ") repeats line " + first.line() + "; the repeat is ignored");
                continue;
            }
            if (ALWAYS_ON.contains(word)) {
                findings.notice("[" + values.section() + "] " + setting.writtenKey() + " = " + setting.value()
                        + " (line " + setting.line() + "): ping and cluster_discovery are always exchanged, as"
                        + " res_corosync does; the line changes nothing");
                continue;
            }
            CorosyncEventType event = WORDS.get(word);
            if (event == null) {
                values.error(setting, ALLOWED + Suggestions.nearest(setting.value(), List.of("device_state", "mwi"))
                        .filter(near -> !setting.value().isEmpty())
                        .map(near -> "; did you mean " + near + "?").orElse("")
                        + " (one event per line; repeat the key for both)");
                continue;
            }
            events.add(event);
        }
        return events;
    }
}
