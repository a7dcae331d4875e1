package org.statefed.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A dialplan hint, {@code exten => 100,hint,Custom:a&SIP/100} in context {@code default}: an
 * extension whose state is derived from its devices' states.
 *
 * @param exten the extension, e.g. {@code 100}
 * @param context the dialplan context, e.g. {@code default}
 * @param devices the devices, at least one, in the order written
 */
public record Hint(String exten, String context, List<String> devices) {
    public Hint {
        exten = requireText("extension", exten, "@");
        context = requireText("context", context, "@");
        Objects.requireNonNull(devices, "devices");
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("hint " + exten + "@" + context + " has no devices");
        }
        for (int i = 0; i < devices.size(); i++) {
            requireText("device " + (i + 1) + " of hint " + exten + "@" + context, devices.get(i), "&");
        }
        devices = List.copyOf(devices);
    }

    /**
     * Parses a hint as Asterisk writes it: {@code name} is {@code exten@context}, {@code devices} is
     * {@code Custom:a&SIP/100}. Both, and each device, are trimmed.
     *
     * @throws IllegalArgumentException saying what is missing or malformed and where
     */
    public static Hint parse(String name, String devices) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("hint name is empty; expected exten@context, e.g. 100@default");
        }
        String trimmedName = name.trim();
        int at = trimmedName.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("hint name '" + printable(trimmedName)
                    + "' has no '@'; expected exten@context, e.g. 100@default");
        }
        String exten = trimmedName.substring(0, at).trim();
        String context = trimmedName.substring(at + 1).trim();
        if (exten.isEmpty() || context.isEmpty()) {
            throw new IllegalArgumentException("hint name '" + printable(trimmedName) + "' has an empty "
                    + (exten.isEmpty() ? "extension" : "context") + "; expected exten@context, e.g. 100@default");
        }
        if (devices == null || devices.isBlank()) {
            throw new IllegalArgumentException("hint " + printable(trimmedName)
                    + " has no devices; expected e.g. Custom:a&SIP/100");
        }
        String trimmedDevices = devices.trim();
        List<String> list = new ArrayList<>();
        int start = 0;
        while (true) {
            int amp = trimmedDevices.indexOf('&', start);
            String device = trimmedDevices.substring(start, amp < 0 ? trimmedDevices.length() : amp).trim();
            if (device.isEmpty()) {
                throw new IllegalArgumentException("hint " + printable(trimmedName) + ": device " + (list.size() + 1)
                        + " in '" + printable(trimmedDevices) + "' is empty");
            }
            list.add(device);
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return new Hint(exten, context, list);
    }

    /** {@code exten@context}, the key hints are known by. */
    public String name() {
        return exten + "@" + context;
    }

    /** The devices as Asterisk writes them, joined by {@code &}. */
    public String devicesText() {
        return String.join("&", devices);
    }

    private static String requireText(String what, String text, String forbidden) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        String trimmed = text.trim();
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(what + " '" + printable(trimmed) + "' contains control character "
                        + String.format("U+%04X", (int) c) + " at position " + (i + 1));
            }
            if (forbidden.indexOf(c) >= 0) {
                throw new IllegalArgumentException(what + " '" + printable(trimmed) + "' must not contain '" + c + "'");
            }
        }
        return trimmed;
    }

    /** Shows control characters as {@code \}{@code uXXXX}, so a message never carries them raw. */
    private static String printable(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
