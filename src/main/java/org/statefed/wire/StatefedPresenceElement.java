package org.statefed.wire;

import java.util.Objects;
import java.util.Optional;

import javax.xml.namespace.QName;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.statefed.state.EntityId;

/**
 * statefed's presence extension, {@code <statefed xmlns='urn:xmpp:statefed:0' eid='…'/>}: a site tells
 * its buddies which entity id its states carry, so they can tell whose states to drop when it goes
 * away (in the shared layout nothing else ties an entity id to a JID). The server vouches for the
 * presence's sender; the receiver still checks the claim against what it has seen before.
 *
 * @param eid the declared entity id, empty when the attribute was missing or malformed
 * @param problem why {@code eid} is empty ("" when it is present)
 */
public record StatefedPresenceElement(Optional<EntityId> eid, String problem) implements ExtensionElement {
    public static final String ELEMENT = "statefed";
    public static final String NAMESPACE = RefreshRequestElement.NAMESPACE;
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);

    public StatefedPresenceElement {
        Objects.requireNonNull(eid, "eid");
        Objects.requireNonNull(problem, "problem");
        if (eid.isPresent() != problem.isEmpty()) {
            throw new IllegalArgumentException("either an eid or a problem, not both or neither");
        }
    }

    /** The extension a site sends with its own entity id. */
    public static StatefedPresenceElement of(EntityId eid) {
        return new StatefedPresenceElement(Optional.of(eid), "");
    }

    /** What a receiver makes of an unusable extension. */
    public static StatefedPresenceElement invalid(String problem) {
        return new StatefedPresenceElement(Optional.empty(), problem.isEmpty() ? "invalid" : problem);
    }

    @Override
    public String getElementName() {
        return ELEMENT;
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingNamespace);
        eid.ifPresent(e -> xml.attribute("eid", e.toString()));
        xml.closeEmptyElement();
        return xml;
    }
}
