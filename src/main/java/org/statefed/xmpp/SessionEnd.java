package org.statefed.xmpp;

import java.util.Objects;

import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.packet.StreamError;

/**
 * Why a logged-in session ended, in words for the one log line that reports it.
 *
 * @param explanation what happened and, where the operator can do something, what
 * @param severe whether it needs the operator (logged at ERROR) rather than being weather (WARN)
 */
record SessionEnd(String explanation, boolean severe) {
    SessionEnd {
        Objects.requireNonNull(explanation, "explanation");
    }

    /** The server closed the stream without an error. */
    static SessionEnd closedByServer() {
        return new SessionEnd("the server closed the stream", false);
    }

    /** Our server answered none of the last {@code misses} heartbeat pings, {@code interval} apart. */
    static SessionEnd silentServer(int misses, java.time.Duration interval) {
        return new SessionEnd("the server answered none of the last " + misses + " pings, " + interval.toSeconds()
                + " s apart: the link is dead although TCP did not say so (a cut without FIN, or a hung server)",
                false);
    }

    /**
     * @param cause what Smack reported
     * @param address our full JID, for the conflict explanation
     */
    static SessionEnd of(Exception cause, String address) {
        if (cause instanceof StreamErrorException streamError) {
            StreamError error = streamError.getStreamError();
            if (error.getCondition() == StreamError.Condition.conflict) {
                return new SessionEnd("the server closed the session with a stream conflict: another client logged "
                        + "in as " + address + ", the same account and resource; statefed logs in again (which "
                        + "takes the session back); if another statefed or client uses this account, give each its "
                        + "own resource (username = user@domain/resource)", true);
            }
            String text = error.getDescriptiveText();
            return new SessionEnd("stream error " + error.getCondition()
                    + (text == null || text.isEmpty() ? "" : ": " + text), false);
        }
        String message = cause.getMessage();
        return new SessionEnd(cause.getClass().getSimpleName() + (message == null ? "" : ": " + message), false);
    }
}
