package org.statefed.wire;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.xml.namespace.QName;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.statefed.state.EntityId;
import org.statefed.state.StateDigest;

/**
 * statefed's own control payload, {@code <refresh xmlns='urn:xmpp:statefed:0' eid='…' nonce='…'/>}:
 * a site that (re)connected asks its peers to republish their states, because servers keep only a
 * few items per node (or none). Asterisk peers log unknown payloads at debug level and ignore them;
 * the {@code eid} attribute is there because Asterisk reads it from every payload before looking at
 * the element name.
 *
 * <p>Each {@code <have eid='…' count='…' sum='…'/>} child says what the requester already holds of one
 * peer after its resync ({@link StateDigest}); a peer whose own states have the same digest need not
 * republish anything.
 *
 * @param eid the requesting site
 * @param nonce distinguishes requests, so a persisted old request fetched during resync is not
 *     mistaken for a new one
 * @param haves what the requester holds per peer; a peer not listed republishes everything
 */
public record RefreshRequestElement(EntityId eid, String nonce, List<Have> haves) implements ExtensionElement {
    public static final String ELEMENT = "refresh";
    public static final String NAMESPACE = "urn:xmpp:statefed:0";
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);
    static final int MAX_NONCE_LENGTH = 64;
    static final String HAVE = "have";

    public static final int MAX_HAVES = 1024;

    /**
     * What the requester holds of one peer.
     *
     * @param eid the peer
     * @param digest the peer's entries as the requester holds them
     */
    public record Have(EntityId eid, StateDigest digest) {
        public Have {
            Objects.requireNonNull(eid, "eid");
            Objects.requireNonNull(digest, "digest");
        }
    }

    public RefreshRequestElement {
        Objects.requireNonNull(eid, "eid");
        Objects.requireNonNull(nonce, "nonce");
        if (nonce.isEmpty() || nonce.length() > MAX_NONCE_LENGTH) {
            throw new IllegalArgumentException("nonce must have 1 to " + MAX_NONCE_LENGTH + " characters");
        }
        haves = List.copyOf(haves);
        if (haves.size() > MAX_HAVES) {
            throw new IllegalArgumentException("at most " + MAX_HAVES + " haves");
        }
    }

    public RefreshRequestElement(EntityId eid, String nonce) {
        this(eid, nonce, List.of());
    }

    /** What the requester holds of {@code peer}, if it said. */
    public Optional<StateDigest> digestOf(EntityId peer) {
        return haves.stream().filter(h -> h.eid().equals(peer)).map(Have::digest).findFirst();
    }

    /** The item id a site's refresh request is published under: one per site, replaced each time. */
    public static String itemIdFor(EntityId eid) {
        return "statefed:refresh:" + eid;
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
        xml.attribute("eid", eid.toString());
        xml.attribute("nonce", nonce);
        if (haves.isEmpty()) {
            xml.closeEmptyElement();
            return xml;
        }
        xml.rightAngleBracket();
        for (Have have : haves) {
            xml.halfOpenElement(HAVE);
            xml.attribute("eid", have.eid().toString());
            xml.attribute("count", Integer.toString(have.digest().count()));
            xml.attribute("sum", Long.toHexString(have.digest().sum()));
            xml.closeEmptyElement();
        }
        xml.closeElement(this);
        return xml;
    }
}
