package org.statefed.wire;

import java.util.Objects;

import javax.xml.namespace.QName;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;

/**
 * Asterisk's device state payload, exactly as res_xmpp writes it:
 * {@code <state xmlns='http://asterisk.org' eid='00:11:22:33:44:01' cachable='1'>INUSE</state>}.
 *
 * @param state the device state
 * @param eid the entity id of the server whose state this is
 * @param cachable whether Asterisk may cache the state; res_xmpp writes {@code cachable='0'} for
 *     states it must not cache (and then also asks the server not to persist the item)
 * @param published when a statefed site sent it ({@code sf:published}); {@link PublishTime#ABSENT} from Asterisk
 */
public record DeviceStateElement(DeviceState state, EntityId eid, boolean cachable, PublishTime published)
        implements AsteriskPayload {
    public static final String ELEMENT = "state";
    public static final String NAMESPACE = AsteriskPayload.NAMESPACE;
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);

    public DeviceStateElement {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(eid, "eid");
        Objects.requireNonNull(published, "published");
    }

    /** The payload as Asterisk writes it, without a publish time. */
    public DeviceStateElement(DeviceState state, EntityId eid, boolean cachable) {
        this(state, eid, cachable, PublishTime.ABSENT);
    }

    /** The same payload stamped with the time it is sent. */
    public DeviceStateElement publishedAt(PublishTime time) {
        return new DeviceStateElement(state, eid, cachable, time);
    }

    @Override
    public String getElementName() {
        return ELEMENT;
    }

    @Override
    public QName getQName() {
        return QNAME;
    }

    /**
     * Attribute order xmlns, eid, cachable, as Asterisk's {@code xmpp_pubsub_publish_device_state}; a publish
     * time comes last, so without one the bytes are Asterisk's.
     */
    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingNamespace);
        xml.attribute("eid", eid.toString());
        xml.attribute("cachable", cachable ? "1" : "0");
        published.writeTo(xml);
        xml.rightAngleBracket();
        xml.append(state.token());
        xml.closeElement(ELEMENT);
        return xml;
    }
}
