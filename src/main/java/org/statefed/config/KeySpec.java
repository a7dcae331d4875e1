package org.statefed.config;

/**
 * A key statefed recognises in one kind of section.
 *
 * @param name the key, lower case
 * @param repeatable whether it may be written more than once ({@code buddy})
 * @param ignoredBecause why statefed accepts but does not use it, or null if statefed uses it
 */
record KeySpec(String name, boolean repeatable, String ignoredBecause) {

    static KeySpec used(String name) {
        return new KeySpec(name, false, null);
    }

    static KeySpec repeatable(String name) {
        return new KeySpec(name, true, null);
    }

    static KeySpec ignored(String name, String because) {
        return new KeySpec(name, false, because);
    }

    boolean isIgnored() {
        return ignoredBecause != null;
    }
}
