/**
 * The SIP publication link: Asterisk's own {@code res_pjsip_publish_asterisk} PUBLISHes, both ways, so an
 * Asterisk 13+ shares device states and MWI with statefed without res_xmpp. {@link
 * org.statefed.sip.SipPublicationLink} is the link (one per {@code type = sip_publication} section); its logic
 * ({@link org.statefed.sip.InboundPublications}, {@link org.statefed.sip.OutboundPublication}, {@link
 * org.statefed.sip.DigestAuthenticator}) is pure and runs on the link's own thread; the SIP stack sits behind
 * {@link org.statefed.sip.SipTransportFactory} ({@code sip.jain}: JAIN-SIP, one listener per {@code bind}).
 */
package org.statefed.sip;
