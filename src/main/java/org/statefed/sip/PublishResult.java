package org.statefed.sip;

/**
 * The final answer to one {@link OutgoingPublish}.
 *
 * @param status the SIP status; 408 when the transaction timed out, 503 when it could not be sent
 * @param etag the {@code SIP-ETag} of a 2xx, or null
 * @param lastCseq the CSeq of the last request sent (one more than asked when a challenge was answered)
 */
public record PublishResult(int status, String reason, String etag, long lastCseq) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
