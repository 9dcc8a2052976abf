package org.herald.core.breaker;

import java.time.Instant;
import java.util.Objects;

/** A dependency's breaker changed state: logged once, shown by the dependency's WebAdmin route. */
public record BreakerTransition(String dependency, BreakerState from, BreakerState to, Instant at, String reason) {
    public BreakerTransition {
        Objects.requireNonNull(dependency);
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        Objects.requireNonNull(at);
        Objects.requireNonNull(reason);
    }
}
