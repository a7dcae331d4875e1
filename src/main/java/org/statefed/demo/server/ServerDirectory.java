package org.statefed.demo.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A managed server's private temporary directory under {@code java.io.tmpdir}: {@code conf/} for the generated
 * configuration, {@code data/} for accounts and PubSub storage, {@code logs/} for server and console logs.
 *
 * @param root   the directory itself
 * @param config the generated configuration
 * @param data   accounts and storage
 * @param logs   server and console logs
 */
public record ServerDirectory(Path root, Path config, Path data, Path logs) {

    static ServerDirectory create(String kind) {
        try {
            Path root = Files.createTempDirectory("statefed-" + kind + "-");
            return new ServerDirectory(
                    root,
                    Files.createDirectory(root.resolve("conf")),
                    Files.createDirectory(root.resolve("data")),
                    Files.createDirectory(root.resolve("logs")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for " + kind, e);
        }
    }

    /** Writes {@code content} to {@code file}. */
    public void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    void delete() {
        DirectoryTree.delete(root);
    }
}
