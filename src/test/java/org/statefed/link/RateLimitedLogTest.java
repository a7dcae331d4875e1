package org.statefed.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * A flood of remote input (a flapping buddy, a stranger's subscription requests) costs one log line per
 * key and interval, and the next line says how many were held back.
 */
class RateLimitedLogTest {
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    /** One logged line: level, format, arguments. */
    private record Line(String level, String format, List<Object> args) {
    }

    private final List<Line> lines = new ArrayList<>();
    private final MutableClock clock = new MutableClock();
    private final RateLimitedLog log = new RateLimitedLog(recordingLogger(), clock, INTERVAL);

    @Test
    void everyLinkUsesThisOneRateLimitedLogNoPackageKeepsACopy() {
        for (String pkg : List.of("xmpp", "corosync", "sip", "node", "web", "admin", "app")) {
            String copy = "org.statefed." + pkg + ".RateLimitedLog";
            assertThat(RateLimitedLogTest.class.getClassLoader().getResource(copy.replace('.', '/') + ".class"))
                    .as(copy + ": use org.statefed.link.RateLimitedLog").isNull();
        }
    }

    @Test
    void aFloodWithinOneIntervalIsOneLine() {
        for (int i = 0; i < 4_447; i++) {
            log.info("offline:site2@localhost", "[{}] buddy {} went offline", "asterisk", "site2@localhost");
        }

        assertThat(lines).containsExactly(new Line("INFO", "[{}] buddy {} went offline",
                List.of("asterisk", "site2@localhost")));
    }

    @Test
    void theFirstLineAfterTheIntervalSaysHowManyWereHeldBack() {
        for (int i = 0; i < 100; i++) {
            log.warn("denied-subscription", "[{}] denied presence subscription from {}", "asterisk", "stranger" + i);
        }
        clock.advance(INTERVAL);
        log.warn("denied-subscription", "[{}] denied presence subscription from {}", "asterisk", "stranger100");

        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).isEqualTo(new Line("WARN",
                "[{}] denied presence subscription from {} ({} similar lines suppressed)",
                List.of("asterisk", "stranger100", 99L)));
    }

    @Test
    void aLineJustBeforeTheIntervalEndsIsStillHeldBack() {
        log.error("duplicate-eid:b", "first");
        clock.advance(INTERVAL.minusMillis(1));
        log.error("duplicate-eid:b", "second");

        assertThat(lines).extracting(Line::format).containsExactly("first");
    }

    @Test
    void eachKeyHasItsOwnInterval() {
        log.info("offline:site2@localhost", "site2 offline");
        log.info("offline:site3@localhost", "site3 offline");
        log.info("offline:site2@localhost", "site2 offline");

        assertThat(lines).extracting(Line::format).containsExactly("site2 offline", "site3 offline");
    }

    private Logger recordingLogger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if ((name.equals("info") || name.equals("warn") || name.equals("error")) && args != null
                            && args.length == 2 && args[0] instanceof String format && args[1] instanceof Object[] values) {
                        lines.add(new Line(name.toUpperCase(java.util.Locale.ROOT), format, Arrays.asList(values)));
                        return null;
                    }
                    if (method.getReturnType() == boolean.class) {
                        return true;
                    }
                    if (method.getReturnType() == String.class) {
                        return "recording";
                    }
                    return null;
                });
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-30T08:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
