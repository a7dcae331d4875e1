package org.statefed.admin;

import java.time.Duration;
import java.time.Instant;

/** How long ago something happened, short: {@code 12s}, {@code 3m05s}, {@code 2h05m}, {@code 3d04h}. */
final class Age {
    private Age() {
    }

    static String between(Instant then, Instant now) {
        Duration age = Duration.between(then, now);
        return of(age.isNegative() ? Duration.ZERO : age);
    }

    static String of(Duration age) {
        long s = age.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3_600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format("%dh%02dm", s / 3_600, s % 3_600 / 60);
        }
        return String.format("%dd%02dh", s / 86_400, s % 86_400 / 3_600);
    }
}
