package org.statefed.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Lines from a pipe or file ({@code echo "core show hints" | statefed -c FILE -r}); no prompt, no history. */
final class PlainConsoleInput implements ConsoleInput {
    private final BufferedReader reader;

    PlainConsoleInput(InputStream in) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    @Override
    public String readLine(String prompt) throws IOException {
        return reader.readLine();
    }

    @Override
    public void close() {
        // The stream is the caller's (standard input); it stays open.
    }
}
