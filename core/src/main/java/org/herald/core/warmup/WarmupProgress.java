package org.herald.core.warmup;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Moves an identity through its schedule: to the next step once the current one has lasted its duration in good
 * health — no throttle since the step's healthy time began ({@link WarmupIdentityState#healthySince()}), none active,
 * not paused. Several steps are passed at once when the clock has moved that far (a server down for a week). The
 * reason it holds is what the operator reads.
 */
public final class WarmupProgress {
    private WarmupProgress() {
    }

    /** The state now, and why it is held when it is due but cannot move. */
    public record Result(WarmupIdentityState state, Optional<String> held) {
    }

    public static Result advance(WarmupIdentityState state, WarmupSchedule schedule, List<ProviderThrottle> throttles, Instant now) {
        WarmupIdentityState current = state;
        while (!schedule.isWarm(current.stepIndex())) {
            Instant due = current.healthySince().plus(schedule.steps().get(current.stepIndex()).duration());
            if (now.isBefore(due)) {
                return new Result(current, Optional.empty());
            }
            if (current.paused()) {
                return new Result(current, Optional.of("paused by an operator at step " + (current.stepIndex() + 1)));
            }
            if (!throttles.isEmpty()) {
                ProviderThrottle throttle = throttles.get(0);
                return new Result(current, Optional.of("held at step " + (current.stepIndex() + 1) + ": throttled at "
                    + throttle.provider() + " since " + throttle.since() + ": " + throttle.reason()));
            }
            current = current.atStep(current.stepIndex() + 1, due);
        }
        return new Result(current, Optional.empty());
    }
}
