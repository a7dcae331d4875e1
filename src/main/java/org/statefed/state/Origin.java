package org.statefed.state;

import java.util.Objects;

/**
 * Which link a table entry was learned from: an opaque tag to this package (the hub gives it meaning:
 * which link, what reach). {@link #LOCAL} is this site itself (admin commands, the Java API, later HTTP);
 * {@link #RESTORED} an entry read back from the state file whose link is not known yet.
 */
public record Origin(String link) {
    public static final Origin LOCAL = new Origin("local");
    public static final Origin RESTORED = new Origin("restored");

    public Origin {
        Objects.requireNonNull(link, "link");
        if (link.isBlank()) {
            throw new IllegalArgumentException("an origin needs a link name");
        }
    }

    @Override
    public String toString() {
        return link;
    }
}
