/**
 * The pure, golden-tested codec of the JSON bodies Asterisk's {@code res_pjsip_publish_asterisk} carries in
 * SIP PUBLISH ({@code Event: asterisk-devicestate} and {@code asterisk-mwi}), and the classification of a
 * PUBLISH into initial, modify, refresh and remove as {@code res_pjsip_pubsub} does.
 *
 * <p>{@link org.statefed.sip.codec.BodyEncoder} writes exactly the bytes Asterisk (jansson's compact dump)
 * writes; {@link org.statefed.sip.codec.BodyDecoder} turns any bytes into exactly one
 * {@link org.statefed.sip.codec.DecodedBody} and never throws: a body that is not a well-formed publication
 * becomes a {@link org.statefed.sip.codec.RejectedBody} naming a {@link org.statefed.sip.codec.BodyRejectReason}.
 * No I/O, no threads and no SIP stack here.
 */
package org.statefed.sip.codec;
