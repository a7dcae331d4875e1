package org.statefed.config;

/** What a section of the file configures, decided by its name. */
enum SectionKind {
    GENERAL, HINTS, CLIENT;

    static SectionKind of(String sectionName) {
        if (sectionName.equalsIgnoreCase("general")) {
            return GENERAL;
        }
        if (sectionName.equalsIgnoreCase("hints")) {
            return HINTS;
        }
        return CLIENT;
    }
}
