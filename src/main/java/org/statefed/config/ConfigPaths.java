package org.statefed.config;

import java.nio.file.Path;

/** Paths written in the configuration file, which are relative to the file's own directory. */
final class ConfigPaths {

    private ConfigPaths() {
    }

    /**
     * {@code written} resolved against the directory of {@code configFile}, so that a relative path
     * means the same whatever directory statefed is started from.
     *
     * @throws java.nio.file.InvalidPathException if {@code written} is not a path
     */
    static Path resolve(Path configFile, String written) {
        Path directory = configFile.toAbsolutePath().getParent();
        return directory.resolve(Path.of(written)).normalize();
    }
}
