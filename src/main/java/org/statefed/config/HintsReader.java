package org.statefed.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.statefed.wire.ItemDecoder;

/**
 * Reads {@code [hints]}: {@code exten@context = device&device…}, the extension states statefed
 * computes from device states, like Asterisk's {@code exten => 1234,hint,SIP/100}.
 */
final class HintsReader {
    private static final String NAME_FORM = "the name must be exten@context, e.g. 1234@devstate_test";
    private static final String DEVICES_FORM =
            "must list one or more devices separated by '&', e.g. Custom:a&SIP/100";

    private final SectionValues values;

    HintsReader(SectionValues values) {
        this.values = values;
    }

    /** Hint name to its devices joined by {@code &}, in file order; only the valid ones. */
    Map<String, String> read() {
        Map<String, String> hints = new LinkedHashMap<>();
        values.settings().forEach((name, settings) -> {
            Setting first = settings.get(0);
            for (Setting again : settings.subList(1, settings.size())) {
                values.error(again, "this hint is defined a second time (first on line " + first.line()
                        + "); keep only one");
            }
            String devices = devices(first);
            if (nameIsValid(first) && devices != null) {
                hints.put(name, devices);
            }
        });
        return hints;
    }

    private boolean nameIsValid(Setting setting) {
        String name = setting.key();
        int at = name.indexOf('@');
        if (at < 0 || at != name.lastIndexOf('@')) {
            values.error(setting, NAME_FORM + ", with exactly one '@'");
            return false;
        }
        if (at == 0 || at == name.length() - 1) {
            values.error(setting, NAME_FORM + ", with both the extension and the context");
            return false;
        }
        if (hasControlCharacter(name)) {
            values.error(setting, "the name contains a control character; " + NAME_FORM);
            return false;
        }
        return true;
    }

    private String devices(Setting setting) {
        String text = setting.value();
        if (text.isEmpty()) {
            values.error(setting, DEVICES_FORM);
            return null;
        }
        if (hasControlCharacter(text)) {
            values.error(setting, "contains a control character; " + DEVICES_FORM);
            return null;
        }
        String[] devices = text.split("&", -1);
        if (Arrays.stream(devices).anyMatch(d -> d.isBlank())) {
            values.error(setting, "has an empty device between '&'; " + DEVICES_FORM);
            return null;
        }
        for (int i = 0; i < devices.length; i++) {
            String lookAlike = ItemDecoder.lookAlikeProblem(devices[i].strip());
            if (lookAlike != null) {
                // Not repeated: printed raw, the character would disguise the line it is on.
                values.errorWithoutValue(setting, "device " + (i + 1) + " " + lookAlike + "; buddies drop such"
                        + " names, so write the device name with visible characters only");
                return null;
            }
        }
        return String.join("&", Arrays.stream(devices).map(String::strip).toList());
    }

    private static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }
}
