package org.statefed.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.statefed.state.EntityId;

/** Writes configuration text into a test's directory and reads it back. */
final class ConfigFiles {
    static final MacAddressSource NO_MAC = Optional::empty;
    static final MacAddressSource ETH0 =
            () -> Optional.of(new MacAddress("eth0", EntityId.parse("02:42:ac:11:00:02")));

    private final Path dir;

    ConfigFiles(Path dir) {
        this.dir = dir;
    }

    Path write(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path write(String text) {
        return write("jabber.conf", text);
    }

    StatefedConfig read(String text) throws ConfigException {
        return new ConfigReader(NO_MAC).read(write(text));
    }

    /** The lines check-config prints for a file that fails, with the directory left off. */
    List<String> errorsOf(String text) {
        return errorsOf(new ConfigReader(NO_MAC), text);
    }

    List<String> errorsOf(ConfigReader reader, String text) {
        try {
            reader.read(write(text));
        } catch (ConfigException e) {
            return e.errors().stream().map(error -> withoutDir(error.format())).toList();
        }
        throw new AssertionError("expected errors, but the file was read:\n" + text);
    }

    String withoutDir(String line) {
        String prefix = dir + "/";
        return line.startsWith(prefix) ? line.substring(prefix.length()) : line;
    }
}
