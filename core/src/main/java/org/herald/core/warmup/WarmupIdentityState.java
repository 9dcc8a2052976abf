package org.herald.core.warmup;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one sending identity is in its schedule, as stored (several nodes share it).
 *
 * @param stepIndex            0 for the first step; the schedule's step count once at full volume
 * @param stepStartedAt        when the current step began
 * @param paused               an operator holds the identity at its step (sending goes on within the step's limits)
 * @param lastThrottleEndedAt  when a throttle of this identity last ended: the step's healthy time counts from then
 * @param version              the store's compare-and-set counter: nodes may race to advance the same identity
 */
public record WarmupIdentityState(String identity, String schedule, Instant startedAt, int stepIndex, Instant stepStartedAt,
                                  boolean paused, Optional<Instant> lastThrottleEndedAt, long version) {
    public WarmupIdentityState {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(stepStartedAt, "stepStartedAt");
        Objects.requireNonNull(lastThrottleEndedAt, "lastThrottleEndedAt");
        if (stepIndex < 0) {
            throw new IllegalArgumentException("stepIndex is not negative");
        }
    }

    /** A fresh identity starting its schedule at {@code start}. */
    public static WarmupIdentityState starting(String identity, String schedule, Instant start) {
        return new WarmupIdentityState(identity, schedule, start, 0, start, false, Optional.empty(), 0);
    }

    /** Since when the current step has been healthy: its start, or the end of a throttle during it. */
    public Instant healthySince() {
        return lastThrottleEndedAt.filter(ended -> ended.isAfter(stepStartedAt)).orElse(stepStartedAt);
    }

    public WarmupIdentityState atStep(int newStep, Instant startedAt) {
        return new WarmupIdentityState(identity, schedule, this.startedAt, newStep, startedAt, paused, lastThrottleEndedAt, version);
    }

    public WarmupIdentityState withPaused(boolean newPaused) {
        return new WarmupIdentityState(identity, schedule, startedAt, stepIndex, stepStartedAt, newPaused, lastThrottleEndedAt, version);
    }

    public WarmupIdentityState withThrottleEnded(Instant at) {
        return new WarmupIdentityState(identity, schedule, startedAt, stepIndex, stepStartedAt, paused, Optional.of(at), version);
    }
}
