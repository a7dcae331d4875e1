/**
 * The Asterisk-compatible PubSub payload codec: the {@code <state/>} and {@code <mailbox/>}
 * elements res_xmpp publishes, their strict Smack providers, and item-level decoding and encoding.
 *
 * <p>Everything arriving from the network is untrusted: providers never throw into Smack for bad
 * content, they return a {@link org.statefed.wire.RejectedPayload} naming a
 * {@link org.statefed.wire.RejectReason}, and {@link org.statefed.wire.ItemDecoder} turns every item
 * into exactly one {@link org.statefed.wire.DecodedItem}.
 */
package org.statefed.wire;
