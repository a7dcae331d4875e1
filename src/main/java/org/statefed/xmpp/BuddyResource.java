package org.statefed.xmpp;

import java.util.Objects;

/**
 * One online resource of a buddy, as its last available presence described it.
 *
 * @param resource the resource part
 * @param priority presence priority
 * @param capsNode the entity-capabilities node (e.g. Asterisk's {@code http://www.asterisk.org/xmpp/client/caps}), or ""
 * @param capsVersion the entity-capabilities version, or ""
 */
public record BuddyResource(String resource, int priority, String capsNode, String capsVersion) {
    public BuddyResource {
        Objects.requireNonNull(resource, "resource");
        capsNode = capsNode == null ? "" : capsNode;
        capsVersion = capsVersion == null ? "" : capsVersion;
    }
}
