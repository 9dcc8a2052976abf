package org.herald.core.warmup;

import java.time.Instant;
import java.util.Objects;

/** An identity × provider whose signals went bad: its limit is cut and the identity's advancement held. */
public record ProviderThrottle(String identity, String provider, String reason, Instant since) {
    public ProviderThrottle {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
    }
}
