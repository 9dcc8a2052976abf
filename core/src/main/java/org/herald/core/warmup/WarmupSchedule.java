package org.herald.core.warmup;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A named warmup schedule of conf/warmup.xml: its steps, then unlimited volume. With {@code hourlyPercent}, no clock
 * hour takes more than that share of the day's limit, so a day's mail is spread rather than sent in one burst.
 */
public record WarmupSchedule(String name, List<WarmupStep> steps, OptionalInt hourlyPercent) {
    /** The practice: a week each at 100, 500, 2,000, 10,000 and 50,000 a day, then full volume. */
    public static final WarmupSchedule STANDARD = new WarmupSchedule("standard", List.of(
        new WarmupStep(Duration.ofDays(7), 100), new WarmupStep(Duration.ofDays(7), 500),
        new WarmupStep(Duration.ofDays(7), 2_000), new WarmupStep(Duration.ofDays(7), 10_000),
        new WarmupStep(Duration.ofDays(7), 50_000)), OptionalInt.empty());

    public WarmupSchedule {
        Objects.requireNonNull(name, "name");
        steps = List.copyOf(steps);
        Objects.requireNonNull(hourlyPercent, "hourlyPercent");
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a warmup schedule has at least one step");
        }
        hourlyPercent.ifPresent(percent -> {
            if (percent < 1 || percent > 100) {
                throw new IllegalArgumentException("hourlyPercent is from 1 to 100");
            }
        });
    }

    /** The daily limit of a step; empty past the last step (full volume). */
    public OptionalLong dailyLimit(int stepIndex) {
        return stepIndex < steps.size() ? OptionalLong.of(steps.get(stepIndex).dailyLimit()) : OptionalLong.empty();
    }

    public boolean isWarm(int stepIndex) {
        return stepIndex >= steps.size();
    }

    /** The hourly cap for a daily limit: never below one, or there would be hours when nothing can go. */
    public OptionalLong hourlyLimit(long dailyLimit) {
        if (hourlyPercent.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (dailyLimit * hourlyPercent.getAsInt() + 99) / 100));
    }

    /** How long the remaining steps take from the start of {@code stepIndex}. */
    public Duration remaining(int stepIndex) {
        return steps.subList(Math.min(stepIndex, steps.size()), steps.size()).stream()
            .map(WarmupStep::duration).reduce(Duration.ZERO, Duration::plus);
    }
}
