package org.statefed.wire;

import java.util.Objects;

import javax.xml.namespace.QName;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.statefed.state.EntityId;

/**
 * statefed's own control payload, {@code <refresh xmlns='urn:xmpp:statefed:0' eid='…' nonce='…'/>}:
 * a site that (re)connected asks its peers to republish their states, because servers keep only a
 * few items per node (or none). Asterisk peers log unknown payloads at debug level and ignore them;
 * the {@code eid} attribute is there because Asterisk reads it from every payload before looking at
 * the element name.
 *
 * @param eid the requesting site
 * @param nonce distinguishes requests, so a persisted old request fetched during resync is not
 *     mistaken for a new one
 */
public record RefreshRequestElement(EntityId eid, String nonce) implements ExtensionElement {
    public static final String ELEMENT = "refresh";
    public static final String NAMESPACE = "urn:xmpp:statefed:0";
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);
    static final int MAX_NONCE_LENGTH = 64;

    public RefreshRequestElement {
        Objects.requireNonNull(eid, "eid");
        Objects.requireNonNull(nonce, "nonce");
        if (nonce.isEmpty() || nonce.length() > MAX_NONCE_LENGTH) {
            throw new IllegalArgumentException("nonce must have 1 to " + MAX_NONCE_LENGTH + " characters");
        }
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
        xml.closeEmptyElement();
        return xml;
    }
}
