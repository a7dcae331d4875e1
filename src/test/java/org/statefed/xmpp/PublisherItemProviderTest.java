package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smackx.pubsub.EventElement;
import org.jivesoftware.smackx.pubsub.ItemsExtension;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.statefed.state.DeviceState;
import org.statefed.wire.AsteriskProviders;
import org.statefed.wire.DeviceStateElement;

/** The publisher attribute survives parsing of the bytes servers send (event and items result). */
class PublisherItemProviderTest {

    @BeforeAll
    static void providers() {
        AsteriskProviders.register();
        PublisherItemProvider.register();
    }

    private static List<?> eventItems(String xml) throws Exception {
        Message message = PacketParserUtils.parseStanza(xml);
        EventElement event = message.getExtension(EventElement.class);
        return ((ItemsExtension) event.getEvent()).getItems();
    }

    @Test
    void eventItemKeepsThePublisherTheServerAdded() throws Exception {
        // As prosody 0.12 sends it with pubsub#itemreply=publisher (ejabberd writes the same attribute).
        List<?> items = eventItems("<message xmlns='jabber:client' from='pubsub.localhost' to='site1@localhost/statefed'"
                + " type='headline' id='x1'><event xmlns='http://jabber.org/protocol/pubsub#event'>"
                + "<items node='device_state'><item publisher='site2@localhost' id='SIP/100'>"
                + "<state xmlns='http://asterisk.org' eid='00:11:22:33:44:02' cachable='1'>INUSE</state>"
                + "</item></items></event></message>");
        assertThat(items).hasSize(1);
        PublishedItem item = (PublishedItem) items.get(0);
        assertThat(item.publisher()).contains("site2@localhost");
        assertThat(item.getId()).isEqualTo("SIP/100");
        assertThat(((DeviceStateElement) item.getPayload()).state()).isEqualTo(DeviceState.INUSE);
    }

    @Test
    void eventItemWithoutPublisherIsSmacksPlainItem() throws Exception {
        List<?> items = eventItems("<message xmlns='jabber:client' from='pubsub.localhost' to='site1@localhost'>"
                + "<event xmlns='http://jabber.org/protocol/pubsub#event'><items node='device_state'>"
                + "<item id='SIP/100'><state xmlns='http://asterisk.org' eid='00:11:22:33:44:02'>BUSY</state></item>"
                + "<item id='SIP/101'/></items></event></message>");
        assertThat(items).hasSize(2);
        assertThat(items.get(0)).isNotInstanceOf(PublishedItem.class).isInstanceOf(PayloadItem.class);
        assertThat(items.get(1)).isNotInstanceOf(PayloadItem.class);
    }

    @Test
    void itemsResultOfAFetchKeepsThePublisherToo() throws Exception {
        org.jivesoftware.smack.packet.Stanza iq = PacketParserUtils.parseStanza("<iq xmlns='jabber:client' type='result'"
                + " from='pubsub.localhost' to='site1@localhost/statefed' id='q1'>"
                + "<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='device_state'>"
                + "<item id='SIP/7' publisher='site3@localhost/statefed'>"
                + "<state xmlns='http://asterisk.org' eid='00:11:22:33:44:03'>RINGING</state></item>"
                + "</items></pubsub></iq>");
        org.jivesoftware.smackx.pubsub.packet.PubSub pubsub = (org.jivesoftware.smackx.pubsub.packet.PubSub) iq;
        ItemsExtension items = pubsub.getExtension(org.jivesoftware.smackx.pubsub.PubSubElementType.ITEMS);
        assertThat(((PublishedItem) items.getItems().get(0)).publisher()).contains("site3@localhost/statefed");
    }
}
