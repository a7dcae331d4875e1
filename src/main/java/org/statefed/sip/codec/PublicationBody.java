package org.statefed.sip.codec;

import org.statefed.state.EntityId;

/** A well-formed body: every one names the entity id of the server it speaks for. */
public sealed interface PublicationBody extends DecodedBody permits DeviceStateBody, MailboxStateBody, RefreshBody {

    /** The sender's entity id as the body carries it (never taken from SIP). */
    EntityId eid();
}
