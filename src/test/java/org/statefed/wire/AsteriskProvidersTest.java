package org.statefed.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.jivesoftware.smack.provider.ProviderManager;
import org.junit.jupiter.api.Test;

class AsteriskProvidersTest {

    @Test
    void registeringTwiceKeepsTheFirstProviders() {
        AsteriskProviders.register();
        Object state = ProviderManager.getExtensionProvider("state", "http://asterisk.org");
        Object mailbox = ProviderManager.getExtensionProvider("mailbox", "http://asterisk.org");

        AsteriskProviders.register();

        assertThat(state).isInstanceOf(DeviceStateProvider.class)
                .isSameAs(ProviderManager.getExtensionProvider("state", "http://asterisk.org"));
        assertThat(mailbox).isInstanceOf(MailboxProvider.class)
                .isSameAs(ProviderManager.getExtensionProvider("mailbox", "http://asterisk.org"));
    }

    @Test
    void everyRejectReasonHasADescription() {
        for (RejectReason reason : RejectReason.values()) {
            assertThat(reason.description()).as(reason.name()).isNotBlank();
        }
    }
}
