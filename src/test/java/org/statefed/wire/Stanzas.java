package org.statefed.wire;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smackx.pubsub.EventElement;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.ItemsExtension;

/** Test support: captured lines from resources, and event stanzas parsed the way Smack parses them. */
final class Stanzas {
    static final String PUBSUB_NS = "http://jabber.org/protocol/pubsub";
    static final String EID1 = "00:11:22:33:44:01";

    private Stanzas() {
    }

    /** The non-comment lines of a resource next to this class, byte for byte (UTF-8). */
    static List<String> resourceLines(String name) {
        try (InputStream in = Stanzas.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read test resource " + name, e);
        }
    }

    /** The stanza of a capture line ("05:04:05 c1 SEND: <message …"), i.e. from its first '<'. */
    static String stanzaOf(String captureLine) {
        return captureLine.substring(captureLine.indexOf('<'));
    }

    /** An event notification as prosody sends it, around the given item elements. */
    static String eventMessage(String node, String items) {
        return "<message from='pubsub.localhost' type='headline' to='server2@localhost' id='t1'>"
                + "<event xmlns='http://jabber.org/protocol/pubsub#event'><items node='" + node + "'>"
                + items + "</items></event></message>";
    }

    /** Parses a whole {@code <message/>} with Smack (providers registered) and decodes its items. */
    static List<DecodedItem> decodeEvent(String message) throws Exception {
        AsteriskProviders.register();
        Stanza stanza = PacketParserUtils.parseStanza(message);
        return decodeEvent(stanza);
    }

    static List<DecodedItem> decodeEvent(Stanza stanza) {
        EventElement event = EventElement.from(stanza);
        if (event == null) {
            throw new AssertionError("no pubsub event in " + stanza.toXML());
        }
        ItemsExtension items = (ItemsExtension) event.getEvent();
        List<DecodedItem> decoded = new ArrayList<>();
        for (Object item : items.getItems()) {
            decoded.add(ItemDecoder.decode((Item) item));
        }
        return decoded;
    }

    /** Decodes the single item of an event message carrying exactly one. */
    static DecodedItem decodeSingle(String message) throws Exception {
        List<DecodedItem> items = decodeEvent(message);
        if (items.size() != 1) {
            throw new AssertionError("expected one item, got " + items);
        }
        return items.get(0);
    }
}
