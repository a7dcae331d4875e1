package org.statefed.state;

/**
 * Told when a hint's extension state really changes. Called on the thread that changed a device
 * (or replaced the hint) while it holds locks, so it must be quick and non-blocking; an exception
 * is counted by the {@link HintTable}, not rethrown.
 */
public interface HintListener {

    /** The hint's state went from {@code previous} to {@code current} (never equal). */
    void hintChanged(Hint hint, ExtensionState previous, ExtensionState current);
}
