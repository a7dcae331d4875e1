package org.statefed.sip;

import java.util.Objects;

import org.statefed.sip.codec.EventPackage;

/**
 * One PUBLISH of one outbound publication (one Call-ID per publication, CSeq one up per request, as
 * pjsip's publishc client does).
 *
 * @param ifMatch the publication's ETag, or null for an initial PUBLISH
 * @param body the JSON body, or null for a refresh
 */
public record OutgoingPublish(EventPackage eventPackage, String callId, long cseq, String ifMatch, byte[] body,
        int expires) {
    public OutgoingPublish {
        Objects.requireNonNull(eventPackage, "eventPackage");
        Objects.requireNonNull(callId, "callId");
    }
}
