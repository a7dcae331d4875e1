package org.statefed.app;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The log setup of the long-running commands: slf4j-simple on stderr, Smack's java.util.logging routed
 * into it. slf4j-simple reads its settings once, when the first logger is made: call this before that.
 */
final class StderrLogging {
    private StderrLogging() {
    }

    /**
     * @param librariesLevel level of everything but statefed (Smack)
     * @param statefedLevel level of statefed's own loggers
     * @param timestamps whether lines start with a timestamp
     */
    static void configure(String librariesLevel, String statefedLevel, boolean timestamps) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", librariesLevel);
        System.setProperty("org.slf4j.simpleLogger.log.org.statefed", statefedLevel);
        // Smack logs every lost connection at WARNING with a stack trace; statefed logs one line per loss
        // with the cause and the next attempt (SiteConnection), so Smack's copy is kept to its errors.
        System.setProperty("org.slf4j.simpleLogger.log.org.jivesoftware.smack.AbstractXMPPConnection", "error");
        if (timestamps) {
            System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
            System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }
}
