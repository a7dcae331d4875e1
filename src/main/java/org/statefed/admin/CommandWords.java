package org.statefed.admin;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a typed command line into words at whitespace; double quotes keep spaces inside one word
 * ({@code devstate change "Custom:front door" INUSE}), as Asterisk's CLI does.
 */
final class CommandWords {
    private CommandWords() {
    }

    /** @throws UsageException for an unterminated quote */
    static List<String> split(String line) throws UsageException {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quoted) {
            throw new UsageException("unterminated quote in: " + line);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
