package org.statefed.wire;

import java.io.IOException;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.statefed.state.EntityId;

/**
 * Parses {@code <mailbox xmlns='http://asterisk.org' eid='…'><NEWMSGS>3</NEWMSGS><OLDMSGS>5</OLDMSGS></mailbox>}
 * strictly and totally: every input gives a {@link MailboxElement} or a {@link RejectedPayload},
 * never an exception for bad content (see {@link ProviderBoundary}).
 *
 * <ul>
 *   <li>{@code eid} and {@code sf:published} as for {@link DeviceStateProvider}; other attributes are ignored.
 *   <li>{@code NEWMSGS} and {@code OLDMSGS} (names exactly in that case, as Asterisk compares them
 *       case-sensitively), each exactly once, in any order: a missing or empty one is
 *       MISSING_COUNT, a second one or any other child is UNEXPECTED_CHILD.
 *   <li>A child may be in {@code http://asterisk.org} (implicitly or with an explicit xmlns, as some
 *       servers re-serialise it), in no namespace, or in whatever default namespace was in scope at
 *       {@code <mailbox>} (an unprefixed child of a prefixed {@code <a:mailbox>}); any other
 *       namespace is UNEXPECTED_CHILD.
 *   <li>A count is ASCII decimal digits with optional surrounding XML whitespace, at most 10 digits
 *       (more is OVERSIZED) and at most {@code Integer.MAX_VALUE}; signs, other characters and larger
 *       values are BAD_COUNT. Asterisk's {@code sscanf("%10d")} is laxer; we refuse what it would
 *       misread.
 *   <li>Non-whitespace text directly inside {@code <mailbox>} is UNEXPECTED_TEXT.
 * </ul>
 */
public final class MailboxProvider extends ExtensionElementProvider<AsteriskPayload> {
    private static final int ABSENT = -1;

    @Override
    public AsteriskPayload parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException {
        return ProviderBoundary.guard(MailboxElement.ELEMENT, parser, initialDepth,
                () -> parseMailbox(parser, initialDepth));
    }

    private static MailboxElement parseMailbox(XmlPullParser parser, int initialDepth)
            throws Rejection, XmlPullParserException, IOException {
        EntityId eid = PayloadAttributes.read(parser, MailboxElement.ELEMENT).eid();
        PublishTime published = PublishTime.read(parser);
        String inheritedNamespace = parser.getNamespace(null);
        int newMessages = ABSENT;
        int oldMessages = ABSENT;
        while (true) {
            switch (parser.next()) {
                case START_ELEMENT -> {
                    String name = parser.getName();
                    checkChildNamespace(name, parser.getNamespace(), inheritedNamespace);
                    if (MailboxElement.NEW_MESSAGES_ELEMENT.equals(name) && newMessages == ABSENT) {
                        newMessages = readCount(parser, name);
                    } else if (MailboxElement.OLD_MESSAGES_ELEMENT.equals(name) && oldMessages == ABSENT) {
                        oldMessages = readCount(parser, name);
                    } else if (MailboxElement.NEW_MESSAGES_ELEMENT.equals(name)
                            || MailboxElement.OLD_MESSAGES_ELEMENT.equals(name)) {
                        throw new Rejection(RejectReason.UNEXPECTED_CHILD, "a second <" + name + "> in <mailbox>");
                    } else {
                        throw new Rejection(RejectReason.UNEXPECTED_CHILD,
                                "element " + LogSafe.quote(name) + " inside <mailbox>");
                    }
                }
                case TEXT_CHARACTERS, IGNORABLE_WHITESPACE -> {
                    if (!BoundedText.isXmlWhitespace(parser.getText())) {
                        throw new Rejection(RejectReason.UNEXPECTED_TEXT, "text "
                                + LogSafe.quote(parser.getText()) + " directly inside <mailbox>");
                    }
                }
                case ENTITY_REFERENCE -> throw new Rejection(RejectReason.UNEXPECTED_TEXT,
                        "an entity reference directly inside <mailbox>");
                case END_ELEMENT -> {
                    // readCount consumes each child through its end tag, so the first one here is ours.
                    if (parser.getDepth() == initialDepth) {
                        return new MailboxElement(eid, present(newMessages, MailboxElement.NEW_MESSAGES_ELEMENT),
                                present(oldMessages, MailboxElement.OLD_MESSAGES_ELEMENT), published);
                    }
                }
                case END_DOCUMENT -> throw new Rejection(RejectReason.MALFORMED_XML,
                        "the document ended inside <mailbox>");
                default -> {
                    // Comments and processing instructions carry nothing.
                }
            }
        }
    }

    private static void checkChildNamespace(String name, String namespace, String inheritedNamespace)
            throws Rejection {
        if (namespace == null || namespace.isEmpty() || namespace.equals(MailboxElement.NAMESPACE)
                || namespace.equals(inheritedNamespace)) {
            return;
        }
        throw new Rejection(RejectReason.UNEXPECTED_CHILD, "element " + LogSafe.quote(name)
                + " in namespace " + LogSafe.quote(namespace) + " inside <mailbox>");
    }

    private static int present(int count, String name) throws Rejection {
        if (count == ABSENT) {
            throw new Rejection(RejectReason.MISSING_COUNT, "<mailbox> has no <" + name + ">");
        }
        return count;
    }

    /** Reads one count element, from its start tag through its end tag. */
    private static int readCount(XmlPullParser parser, String name)
            throws Rejection, XmlPullParserException, IOException {
        int depth = parser.getDepth();
        BoundedText text = new BoundedText("<" + name + "> text");
        while (true) {
            switch (parser.next()) {
                case START_ELEMENT -> throw new Rejection(RejectReason.UNEXPECTED_CHILD,
                        "element " + LogSafe.quote(parser.getName()) + " inside <" + name + ">");
                case TEXT_CHARACTERS, IGNORABLE_WHITESPACE, ENTITY_REFERENCE -> text.add(parser.getText());
                case END_ELEMENT -> {
                    if (parser.getDepth() == depth) {
                        return parseCount(text.trimmed(WireLimits.MAX_COUNT_DIGITS), name);
                    }
                }
                case END_DOCUMENT -> throw new Rejection(RejectReason.MALFORMED_XML,
                        "the document ended inside <" + name + ">");
                default -> {
                    // Comments and processing instructions carry nothing.
                }
            }
        }
    }

    private static int parseCount(String digits, String name) throws Rejection {
        if (digits.isEmpty()) {
            throw new Rejection(RejectReason.MISSING_COUNT, "<" + name + "> is empty");
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new Rejection(RejectReason.BAD_COUNT, "<" + name + "> " + LogSafe.quote(digits)
                        + " is not a non-negative decimal number");
            }
            value = value * 10 + (c - '0');
        }
        if (value > Integer.MAX_VALUE) {
            throw new Rejection(RejectReason.BAD_COUNT, "<" + name + "> " + digits
                    + " is larger than " + Integer.MAX_VALUE);
        }
        return (int) value;
    }
}
