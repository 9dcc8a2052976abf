package org.herald.core.relay;

import java.time.Instant;
import java.util.Objects;

/** A relay's breaker changed state: logged once, shown by {@code GET /relays}. */
public record BreakerTransition(String relay, BreakerState from, BreakerState to, Instant at, String reason) {
    public BreakerTransition {
        Objects.requireNonNull(relay);
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        Objects.requireNonNull(at);
        Objects.requireNonNull(reason);
    }
}
