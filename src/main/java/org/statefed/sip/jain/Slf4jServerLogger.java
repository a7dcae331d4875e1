package org.statefed.sip.jain;

import java.util.Properties;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's message log, into slf4j at TRACE ({@code org.statefed.sip.jain.messages}): every SIP message
 * sent and received, for debugging interop. Instantiated by JAIN-SIP by class name.
 */
public final class Slf4jServerLogger implements ServerLogger {
    private static final Logger LOG = LoggerFactory.getLogger("org.statefed.sip.jain.messages");

    public Slf4jServerLogger() {
        // Created by JAIN-SIP through reflection (gov.nist.javax.sip.SERVER_LOGGER).
    }

    @Override
    public void closeLogFile() {
        // No file.
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        log(message, from, to, sender);
    }

    private static void log(SIPMessage message, String from, String to, boolean sender) {
        if (LOG.isTraceEnabled()) {
            LOG.trace("{} {} -> {}:\n{}", sender ? "sent" : "received", from, to, message.encode());
        }
    }

    @Override
    public void logException(Exception ex) {
        LOG.debug("JAIN-SIP exception", ex);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // Nothing to configure.
    }

    @Override
    public void setSipStack(SipStack sipStack) {
        // Not needed.
    }
}
