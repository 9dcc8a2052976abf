package org.herald.core.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators write them in Herald's XML: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 5d}. */
public final class DurationText {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private DurationText() {
    }

    public static Optional<Duration> parse(String text) {
        Matcher matcher = FORMAT.matcher(text.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            long amount = Long.parseLong(matcher.group(1));
            return Optional.of(switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        } catch (NumberFormatException | ArithmeticException e) {
            // Too large for a long or a Duration: not a duration, so callers report it as a configuration error.
            return Optional.empty();
        }
    }

    /** The duration in the same notation, in its largest whole unit, rounded down: {@code 5d}, {@code 3h}, {@code 90s}. */
    public static String format(Duration duration) {
        if (duration.toDays() >= 1) {
            return duration.toDays() + "d";
        }
        if (duration.toHours() >= 1) {
            return duration.toHours() + "h";
        }
        if (duration.toMinutes() >= 1) {
            return duration.toMinutes() + "m";
        }
        if (duration.toSeconds() >= 1) {
            return duration.toSeconds() + "s";
        }
        return duration.toMillis() + "ms";
    }
}
