package org.herald.core.breaker;

import java.time.Duration;
import java.util.Objects;

/**
 * When a dependency's circuit breaker opens: after {@code consecutiveFailures} failed attempts in a row, or when at least
 * {@code failureRatePercent} of the last {@code window} attempts failed (once {@code minimumAttempts} were made).
 * While open the dependency is skipped; after {@code coolDown} one probe attempt is let through, and its success closes it.
 */
public record BreakerSettings(int consecutiveFailures, int failureRatePercent, int window, int minimumAttempts, Duration coolDown) {
    public static final BreakerSettings DEFAULT = new BreakerSettings(5, 50, 20, 10, Duration.ofSeconds(60));

    public BreakerSettings {
        Objects.requireNonNull(coolDown);
        if (consecutiveFailures < 1 || failureRatePercent < 1 || failureRatePercent > 100 || window < 1
            || minimumAttempts < 1 || minimumAttempts > window || coolDown.isNegative() || coolDown.isZero()) {
            throw new IllegalArgumentException("invalid breaker settings: consecutiveFailures " + consecutiveFailures
                + ", failureRatePercent " + failureRatePercent + ", window " + window + ", minimumAttempts " + minimumAttempts
                + ", coolDown " + coolDown);
        }
    }
}
