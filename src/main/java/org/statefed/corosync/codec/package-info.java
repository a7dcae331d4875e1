/**
 * The pure, golden-tested codec of the binary events Asterisk {@code res_corosync} multicasts in its
 * CPG group ({@code struct ast_event}: a type, a total length and type-length-value IEs).
 *
 * <p>{@link org.statefed.corosync.codec.EventEncoder} writes exactly the bytes Asterisk writes;
 * {@link org.statefed.corosync.codec.EventDecoder} turns any byte array into exactly one
 * {@link org.statefed.corosync.codec.DecodedEvent} and never throws: bytes that are not a well-formed
 * event become a {@link org.statefed.corosync.codec.RejectedEvent} naming an
 * {@link org.statefed.corosync.codec.EventRejectReason}. No I/O and no threads here.
 */
package org.statefed.corosync.codec;
