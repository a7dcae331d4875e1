package org.statefed.wire;

import java.util.Objects;

import javax.xml.namespace.QName;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.statefed.state.EntityId;

/**
 * Asterisk's MWI payload, exactly as res_xmpp writes it:
 * {@code <mailbox xmlns='http://asterisk.org' eid='00:11:22:33:44:01'><NEWMSGS>3</NEWMSGS><OLDMSGS>5</OLDMSGS></mailbox>}.
 * The mailbox itself is named by the item id ({@code mailbox@context}), not by the payload.
 *
 * @param eid the entity id of the server that owns the mailbox
 * @param newMessages count of new messages, not negative
 * @param oldMessages count of old messages, not negative
 * @param published when a statefed site sent it ({@code sf:published}); {@link PublishTime#ABSENT} from Asterisk
 */
public record MailboxElement(EntityId eid, int newMessages, int oldMessages, PublishTime published)
        implements AsteriskPayload {
    public static final String ELEMENT = "mailbox";
    public static final String NAMESPACE = AsteriskPayload.NAMESPACE;
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);
    /** The child carrying the new-message count; upper case on the wire. */
    public static final String NEW_MESSAGES_ELEMENT = "NEWMSGS";
    /** The child carrying the old-message count; upper case on the wire. */
    public static final String OLD_MESSAGES_ELEMENT = "OLDMSGS";

    public MailboxElement {
        Objects.requireNonNull(eid, "eid");
        if (newMessages < 0 || oldMessages < 0) {
            throw new IllegalArgumentException("message counts must not be negative: new="
                    + newMessages + ", old=" + oldMessages);
        }
        Objects.requireNonNull(published, "published");
    }

    /** The payload as Asterisk writes it, without a publish time. */
    public MailboxElement(EntityId eid, int newMessages, int oldMessages) {
        this(eid, newMessages, oldMessages, PublishTime.ABSENT);
    }

    /** The same payload stamped with the time it is sent. */
    public MailboxElement publishedAt(PublishTime time) {
        return new MailboxElement(eid, newMessages, oldMessages, time);
    }

    @Override
    public String getElementName() {
        return ELEMENT;
    }

    @Override
    public QName getQName() {
        return QNAME;
    }

    /** NEWMSGS before OLDMSGS, as Asterisk's {@code xmpp_pubsub_publish_mwi}; a publish time after the eid. */
    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingNamespace);
        xml.attribute("eid", eid.toString());
        published.writeTo(xml);
        xml.rightAngleBracket();
        xml.element(NEW_MESSAGES_ELEMENT, Integer.toString(newMessages));
        xml.element(OLD_MESSAGES_ELEMENT, Integer.toString(oldMessages));
        xml.closeElement(ELEMENT);
        return xml;
    }
}
