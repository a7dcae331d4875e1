package org.statefed.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** statefed's version, from {@code org/statefed/version.properties}, filled in by Maven. */
final class Version {
    static final String RESOURCE = "/org/statefed/version.properties";

    private Version() {
    }

    /** E.g. {@code 0.1.0}; {@code unknown} when run from classes that Maven did not build. */
    static String current() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").strip();
            return version.isEmpty() || version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
