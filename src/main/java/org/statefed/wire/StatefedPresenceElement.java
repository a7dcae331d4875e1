package org.statefed.wire;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

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
 * <p>A bridge (a site with LAN links) also lists the entity ids it publishes for its LAN's servers, one
 * {@code <bridges eid='…'/>} child each: buddies accept items under those ids from it.
 *
 * @param eid the declared entity id, empty when the attribute was missing or malformed
 * @param problem why {@code eid} is empty ("" when it is present)
 * @param bridged the entity ids the site bridges, sorted; empty when it bridges none or {@code eid} is empty
 */
public record StatefedPresenceElement(Optional<EntityId> eid, String problem, SortedSet<EntityId> bridged)
        implements ExtensionElement {
    public static final String ELEMENT = "statefed";
    public static final String NAMESPACE = RefreshRequestElement.NAMESPACE;
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);
    /** The child naming one bridged entity id. */
    public static final String BRIDGES = "bridges";
    /** More bridged ids than this in one presence is refused (a LAN has far fewer servers). */
    public static final int MAX_BRIDGED = 1_000;

    public StatefedPresenceElement {
        Objects.requireNonNull(eid, "eid");
        Objects.requireNonNull(problem, "problem");
        if (eid.isPresent() != problem.isEmpty()) {
            throw new IllegalArgumentException("either an eid or a problem, not both or neither");
        }
        bridged = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(bridged));
        if (eid.isEmpty() && !bridged.isEmpty()) {
            throw new IllegalArgumentException("bridged entity ids need the site's own");
        }
    }

    /** A site that bridges nothing. */
    public StatefedPresenceElement(Optional<EntityId> eid, String problem) {
        this(eid, problem, new TreeSet<>());
    }

    /** The extension a site sends with its own entity id. */
    public static StatefedPresenceElement of(EntityId eid) {
        return new StatefedPresenceElement(Optional.of(eid), "");
    }

    /** The extension a bridge sends with its own entity id and those it bridges ({@code eid} itself left out). */
    public static StatefedPresenceElement of(EntityId eid, Set<EntityId> bridged) {
        TreeSet<EntityId> others = new TreeSet<>(bridged);
        others.remove(eid);
        return new StatefedPresenceElement(Optional.of(eid), "", others);
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
        if (bridged.isEmpty()) {
            xml.closeEmptyElement();
            return xml;
        }
        xml.rightAngleBracket();
        for (EntityId b : bridged) {
            xml.halfOpenElement(BRIDGES).attribute("eid", b.toString()).closeEmptyElement();
        }
        xml.closeElement(ELEMENT);
        return xml;
    }
}
