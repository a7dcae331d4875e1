package org.statefed.sip.codec;

/**
 * What {@link BodyDecoder} makes of one PUBLISH body: a device state, a mailbox state, a refresh request,
 * or a rejection saying why the bytes were unusable. Exactly one for every body.
 */
public sealed interface DecodedBody permits PublicationBody, RejectedBody {
}
