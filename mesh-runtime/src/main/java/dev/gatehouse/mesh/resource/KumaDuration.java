package dev.gatehouse.mesh.resource;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kuma's own duration strings: an integer and one unit of y, w, d, h, m, s, ms; "0" alone is allowed.
 * Mirrors {@code ParseDuration} in kumahq/kuma {@code pkg/core/resources/apis/mesh/mesh_helpers.go} @v2.14.3.
 */
public final class KumaDuration {
    private static final Pattern FORMAT = Pattern.compile("^(\\d+)(y|w|d|h|m|s|ms)$");

    private KumaDuration() {}

    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    switch (m.group(2)) {
                        case "y" -> Duration.ofDays(Math.multiplyExact(n, 365));
                        case "w" -> Duration.ofDays(Math.multiplyExact(n, 7));
                        case "d" -> Duration.ofDays(n);
                        case "h" -> Duration.ofHours(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "s" -> Duration.ofSeconds(n);
                        default -> Duration.ofMillis(n);
                    });
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }
}
