package org.statefed.wire;

import java.util.Objects;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * What a provider returns instead of throwing when a payload is bad: the element it was parsing,
 * why it was rejected and a log-safe detail. Never sent; {@link #toXML} gives an empty element only
 * so that it behaves like any other extension element.
 *
 * @param elementName the local name of the rejected element, or "" if there was none
 * @param reason why it was rejected
 * @param detail what exactly was wrong; control characters escaped, cut to a bounded length
 */
public record RejectedPayload(String elementName, RejectReason reason, String detail) implements AsteriskPayload {
    /** Element name used in {@link #toXML} when the rejected input had no element at all. */
    static final String PLACEHOLDER_ELEMENT = "rejected";

    public RejectedPayload {
        elementName = elementName == null ? "" : elementName;
        Objects.requireNonNull(reason, "reason");
        detail = LogSafe.sanitise(detail == null ? reason.description() : detail, WireLimits.DETAIL_CHARS);
    }

    @Override
    public String getElementName() {
        return elementName.isEmpty() ? PLACEHOLDER_ELEMENT : elementName;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingNamespace);
        xml.closeEmptyElement();
        return xml;
    }
}
