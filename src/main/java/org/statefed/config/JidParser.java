package org.statefed.config;

import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/** Parses the JIDs of a client section with jxmpp, adding the checks jxmpp leaves out. */
final class JidParser {
    static final String ACCOUNT_FORM = "user@domain with an optional /resource, e.g. server1@example.com/site1";
    static final String BUDDY_FORM = "a bare JID, user@domain, e.g. server2@example.com";
    static final String SERVICE_FORM = "the PubSub service's address, a domain such as pubsub.example.com";

    private JidParser() {
    }

    /** An account JID: must have a user part; may have a resource. */
    static Jid account(String text) throws InvalidValueException {
        Jid jid = parse(text, ACCOUNT_FORM);
        if (!jid.hasLocalpart()) {
            throw new InvalidValueException("has no user part; must be " + ACCOUNT_FORM);
        }
        return jid;
    }

    /** A buddy: a bare JID, no resource. */
    static EntityBareJid buddy(String text) throws InvalidValueException {
        Jid jid = parse(text, BUDDY_FORM);
        if (!jid.hasLocalpart()) {
            throw new InvalidValueException("has no user part; must be " + BUDDY_FORM);
        }
        if (jid.hasResource()) {
            throw new InvalidValueException("must be " + BUDDY_FORM + ", without a /resource");
        }
        return jid.asEntityBareJidIfPossible();
    }

    /** A PubSub service: a bare domain. */
    static DomainBareJid service(String text) throws InvalidValueException {
        Jid jid = parse(text, SERVICE_FORM);
        if (!jid.isDomainBareJid()) {
            throw new InvalidValueException("must be " + SERVICE_FORM + " (no user@ part, no /resource)");
        }
        return jid.asDomainBareJid();
    }

    private static Jid parse(String text, String form) throws InvalidValueException {
        Jid jid;
        try {
            jid = JidCreate.from(text);
        } catch (XmppStringprepException e) {
            throw new InvalidValueException("is not a valid JID (" + rootMessage(e) + "); must be " + form);
        }
        String domain = jid.getDomain().toString();
        if (domain.indexOf('@') >= 0 || domain.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidValueException("is not a valid JID (the domain '" + domain
                    + "' is not a host name); must be " + form);
        }
        return jid;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
