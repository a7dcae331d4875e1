package org.statefed.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lamp board's files, read once from the jar: a fixed list, so no request path ever reaches the class
 * loader or the file system.
 */
final class StaticFiles {
    private static final String ROOT = "/org/statefed/web/board/";
    static final List<String> FILES = List.of("index.html", "board.css", "board.js", "grid.js", "model.js",
            "stream.js");

    /** A file with its content type. */
    record File(byte[] content, String contentType) {
    }

    private final Map<String, File> files = new HashMap<>();

    StaticFiles() {
        for (String name : FILES) {
            try (InputStream in = StaticFiles.class.getResourceAsStream(ROOT + name)) {
                if (in == null) {
                    throw new IllegalStateException("the board's " + name + " is missing from the jar");
                }
                files.put(name, new File(in.readAllBytes(), contentType(name)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the board's " + name, e);
            }
        }
    }

    /** The file at a request path: {@code /} is the board, {@code /board/NAME} its parts. */
    Optional<File> at(String path) {
        if (path.equals("/")) {
            return Optional.of(files.get("index.html"));
        }
        if (path.startsWith("/board/")) {
            return Optional.ofNullable(files.get(path.substring("/board/".length())));
        }
        return Optional.empty();
    }

    private static String contentType(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "text/javascript; charset=utf-8";
    }
}
