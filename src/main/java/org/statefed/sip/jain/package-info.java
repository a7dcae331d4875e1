/**
 * The SIP stack behind the SIP publication links: JAIN-SIP (the NIST reference implementation), one stack
 * and listener (UDP and TCP) per {@code bind}, PUBLISHes routed to the links by Request-URI user and source
 * address. Nothing outside this package sees a JAIN-SIP class.
 */
package org.statefed.sip.jain;
