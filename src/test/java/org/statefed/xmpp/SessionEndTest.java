package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.packet.StreamError;
import org.junit.jupiter.api.Test;

class SessionEndTest {

    @Test
    void aStreamConflictSaysAnotherClientUsesTheSameResourceAndIsAnError() {
        SessionEnd end = SessionEnd.of(new StreamErrorException(new StreamError(StreamError.Condition.conflict, null,
                null, null)), "site1@example.com/statefed");
        assertThat(end.severe()).isTrue();
        assertThat(end.explanation()).contains("another client logged in as site1@example.com/statefed")
                .contains("same account and resource").contains("its own resource");
    }

    @Test
    void otherStreamErrorsAndDroppedConnectionsAreWeatherWithTheirCause() {
        SessionEnd shutdown = SessionEnd.of(new StreamErrorException(new StreamError(
                StreamError.Condition.system_shutdown, null, null, null)), "a@b/c");
        assertThat(shutdown.severe()).isFalse();
        assertThat(shutdown.explanation()).isEqualTo("stream error system-shutdown");
        SessionEnd reset = SessionEnd.of(new IOException("Connection reset"), "a@b/c");
        assertThat(reset.explanation()).isEqualTo("IOException: Connection reset");
        assertThat(SessionEnd.closedByServer().severe()).isFalse();
    }
}
