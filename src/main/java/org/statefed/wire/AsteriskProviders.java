package org.statefed.wire;

import org.jivesoftware.smack.provider.ProviderManager;

/**
 * Registers the Asterisk payload providers with Smack, so that PubSub items carrying
 * {@code <state/>} or {@code <mailbox/>} in {@value AsteriskPayload#NAMESPACE} arrive as
 * {@link AsteriskPayload}s instead of Smack's opaque {@code SimplePayload}.
 *
 * <p>This is the codec's one static entry point because Smack's {@link ProviderManager} is itself a
 * JVM-wide registry: there is no per-connection provider table to hand the providers to.
 */
public final class AsteriskProviders {

    private AsteriskProviders() {
    }

    /**
     * Registers both Asterisk providers and statefed's refresh-request and presence providers. Idempotent and safe to call from any thread: a provider already
     * registered is left in place, so a stanza parsed concurrently never finds the slot empty.
     */
    public static synchronized void register() {
        if (!isRegistered(DeviceStateElement.ELEMENT, DeviceStateProvider.class)) {
            ProviderManager.addExtensionProvider(DeviceStateElement.ELEMENT, AsteriskPayload.NAMESPACE,
                    new DeviceStateProvider());
        }
        if (!isRegistered(MailboxElement.ELEMENT, MailboxProvider.class)) {
            ProviderManager.addExtensionProvider(MailboxElement.ELEMENT, AsteriskPayload.NAMESPACE,
                    new MailboxProvider());
        }
        Object refresh = ProviderManager.getExtensionProvider(RefreshRequestElement.ELEMENT, RefreshRequestElement.NAMESPACE);
        if (!(refresh instanceof RefreshRequestProvider)) {
            ProviderManager.addExtensionProvider(RefreshRequestElement.ELEMENT, RefreshRequestElement.NAMESPACE,
                    new RefreshRequestProvider());
        }
        Object presence = ProviderManager.getExtensionProvider(StatefedPresenceElement.ELEMENT, StatefedPresenceElement.NAMESPACE);
        if (!(presence instanceof StatefedPresenceProvider)) {
            ProviderManager.addExtensionProvider(StatefedPresenceElement.ELEMENT, StatefedPresenceElement.NAMESPACE,
                    new StatefedPresenceProvider());
        }
    }

    private static boolean isRegistered(String element, Class<?> providerType) {
        Object current = ProviderManager.getExtensionProvider(element, AsteriskPayload.NAMESPACE);
        return providerType.isInstance(current);
    }
}
