package org.statefed.state;

import java.util.Objects;

/**
 * A hint and its extension state at one instant.
 *
 * @param hint the hint
 * @param state its state derived from its devices' cluster-wide aggregates
 */
public record HintSnapshot(Hint hint, ExtensionState state) {
    public HintSnapshot {
        Objects.requireNonNull(hint, "hint");
        Objects.requireNonNull(state, "state");
    }
}
