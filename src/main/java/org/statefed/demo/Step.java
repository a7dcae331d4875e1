package org.statefed.demo;

import java.util.Objects;

/**
 * One step of the demo's script.
 *
 * @param story  what happens, in words
 * @param site   the site where it happens
 * @param change what that site's PBX reports
 */
record Step(String story, DemoSite site, Change change) {
    Step {
        Objects.requireNonNull(story, "story");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(change, "change");
    }
}
