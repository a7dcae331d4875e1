package org.statefed.state;

/**
 * A mailbox's message counts, as Asterisk's MWI carries them.
 *
 * @param newMessages unread messages, not negative
 * @param oldMessages read messages, not negative
 */
public record MwiCounts(int newMessages, int oldMessages) {
    public MwiCounts {
        if (newMessages < 0) {
            throw new IllegalArgumentException("new message count must not be negative: " + newMessages);
        }
        if (oldMessages < 0) {
            throw new IllegalArgumentException("old message count must not be negative: " + oldMessages);
        }
    }
}
