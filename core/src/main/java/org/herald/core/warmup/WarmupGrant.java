package org.herald.core.warmup;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer for some recipients of one provider: {@code granted} of them may go now (taken from the budget at
 * {@code takenAt}); the others wait until {@code retryAt}, when the next window opens.
 */
public record WarmupGrant(String provider, long wanted, long granted, Instant takenAt, Optional<Instant> retryAt) {
    public WarmupGrant {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(retryAt, "retryAt");
    }

    public boolean all() {
        return granted == wanted;
    }
}
