package org.statefed.app;

import java.io.IOException;

/** Where the interactive console reads lines from: a terminal with editing and history, or plain input. */
interface ConsoleInput extends AutoCloseable {

    /**
     * Reads one line, showing {@code prompt} where that makes sense.
     *
     * @return the line; null at the end of input (Ctrl-D)
     */
    String readLine(String prompt) throws IOException;

    @Override
    void close() throws IOException;
}
