package org.statefed.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few facts the compose test needs from a Prosody configuration, read with patterns that match the lines
 * deploy/prosody/prosody.cfg.lua writes (one c2s port, one VirtualHost, one pubsub Component with admins).
 */
record ProsodyConfigFile(int clientPort, String virtualHost, String pubsubComponent, List<String> pubsubAdmins) {
    private static final Pattern PORT = Pattern.compile("(?m)^c2s_ports = \\{ (\\d+) }");
    private static final Pattern HOST = Pattern.compile("(?m)^VirtualHost \"([^\"]+)\"");
    private static final Pattern PUBSUB = Pattern.compile(
            "(?ms)^Component \"([^\"]+)\" \"pubsub\"$.*?^\\s+admins = \\{ ([^}]*) }");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    static ProsodyConfigFile read(Path file) throws IOException {
        String text = Files.readString(file);
        Matcher pubsub = find(PUBSUB, text, file);
        return new ProsodyConfigFile(Integer.parseInt(find(PORT, text, file).group(1)),
                find(HOST, text, file).group(1), pubsub.group(1),
                QUOTED.matcher(pubsub.group(2)).results().map(m -> m.group(1)).toList());
    }

    private static Matcher find(Pattern pattern, String text, Path file) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError(file + " has no line matching " + pattern.pattern());
        }
        return matcher;
    }
}
