package org.statefed.sip.jain;

import java.util.Properties;

import gov.nist.core.StackLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes JAIN-SIP's own logging into statefed's slf4j log (JAIN-SIP's default logger needs log4j 1, which
 * statefed does not ship). The stack's chatter is DEBUG/TRACE; its errors stay WARN, since they are about
 * the stack, not about a message a peer sent. Instantiated by JAIN-SIP by class name.
 */
public final class Slf4jStackLogger implements StackLogger {
    private static final Logger LOG = LoggerFactory.getLogger("org.statefed.sip.jain.stack");

    public Slf4jStackLogger() {
        // Created by JAIN-SIP through reflection (gov.nist.javax.sip.STACK_LOGGER).
    }

    @Override
    public void logStackTrace() {
        // Stack traces of the stack's own call paths are noise for an operator.
    }

    @Override
    public void logStackTrace(int traceLevel) {
        // As above.
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        LOG.debug("JAIN-SIP exception", ex);
    }

    @Override
    public void logDebug(String message) {
        LOG.debug(message);
    }

    @Override
    public void logDebug(String message, Exception ex) {
        LOG.debug(message, ex);
    }

    @Override
    public void logTrace(String message) {
        LOG.trace(message);
    }

    @Override
    public void logFatalError(String message) {
        LOG.error(message);
    }

    @Override
    public void logError(String message) {
        LOG.warn(message);
    }

    @Override
    public boolean isLoggingEnabled() {
        return LOG.isDebugEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        if (logLevel <= TRACE_ERROR) {
            return true;
        }
        if (logLevel <= TRACE_INFO) {
            return LOG.isInfoEnabled();
        }
        if (logLevel <= TRACE_DEBUG) {
            return LOG.isDebugEnabled();
        }
        return LOG.isTraceEnabled();
    }

    @Override
    public void logError(String message, Exception ex) {
        LOG.warn(message, ex);
    }

    @Override
    public void logWarning(String message) {
        LOG.debug(message);
    }

    @Override
    public void logInfo(String message) {
        LOG.debug(message);
    }

    @Override
    public void disableLogging() {
        // Levels are slf4j's.
    }

    @Override
    public void enableLogging() {
        // Levels are slf4j's.
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        // Not logged.
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // Nothing to configure.
    }

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }
}
