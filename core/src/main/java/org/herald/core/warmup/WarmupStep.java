package org.herald.core.warmup;

import java.time.Duration;
import java.util.Objects;

/** One step of a warmup schedule: for {@code duration}, at most {@code dailyLimit} recipients a UTC day per provider. */
public record WarmupStep(Duration duration, long dailyLimit) {
    public WarmupStep {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a warmup step lasts some time");
        }
        if (dailyLimit < 1) {
            throw new IllegalArgumentException("a warmup step lets at least one mail a day through");
        }
    }
}
