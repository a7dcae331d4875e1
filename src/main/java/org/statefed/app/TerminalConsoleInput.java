package org.statefed.app;

import java.io.IOException;
import java.nio.file.Path;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * A real terminal through JLine: line editing, history kept in {@code ~/.statefed_history} (like
 * Asterisk's {@code ~/.asterisk_history}), Ctrl-C clears the line, Ctrl-D leaves.
 */
final class TerminalConsoleInput implements ConsoleInput {
    private final Terminal terminal;
    private final LineReader reader;

    TerminalConsoleInput(Path historyFile) throws IOException {
        this.terminal = TerminalBuilder.builder().system(true).build();
        this.reader = LineReaderBuilder.builder()
                .appName("statefed")
                .terminal(terminal)
                .variable(LineReader.HISTORY_FILE, historyFile)
                .build();
    }

    @Override
    public String readLine(String prompt) {
        while (true) {
            try {
                return reader.readLine(prompt);
            } catch (UserInterruptException e) {
                // Ctrl-C drops the line being typed, as in Asterisk's console; it does not leave.
                terminal.flush();
            } catch (EndOfFileException e) {
                return null;
            }
        }
    }

    @Override
    public void close() throws IOException {
        reader.getHistory().save();
        terminal.close();
    }
}
