package org.statefed.xmpp;

/**
 * Why a publish went out, counted per reason ({@link Counters#published}): a storm that sends several times
 * more publishes than it has changes shows here which path sent the extra ones.
 */
public enum PublishReason {
    CHANGE("local changes"),
    SETUP("our states republished at session set-up"),
    RETURN("our states republished because a buddy came back"),
    REFRESH_ANSWER("our states republished answering a peer's refresh request"),
    REFRESH_REQUEST("our own refresh requests"),
    RETRY("values sent again after their publish failed");

    private final String description;

    PublishReason(String description) {
        this.description = description;
    }

    /** Plain-words meaning, for the stats command. */
    public String description() {
        return description;
    }
}
