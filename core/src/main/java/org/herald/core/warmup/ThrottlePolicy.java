package org.herald.core.warmup;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * When warming mail is throttled (conf/warmup.xml {@code <throttle>}): a bounce rate above {@code bounceRate} or a
 * complaint rate above {@code complaintRate} over the {@code window}, once at least {@code minimumSample} recipients
 * were attempted in it (a rate over three mails says nothing). A throttled identity × provider gets a cut limit: the
 * previous step's, or {@code cutPercent} of the current one on the first step (or always, when {@code backOneStep} is
 * false).
 */
public record ThrottlePolicy(double bounceRate, double complaintRate, long minimumSample, Duration window,
                             boolean backOneStep, int cutPercent) {
    public static final ThrottlePolicy DEFAULT = new ThrottlePolicy(0.01, 0.001, 100, Duration.ofHours(24), true, 50);

    public ThrottlePolicy {
        Objects.requireNonNull(window, "window");
        if (bounceRate <= 0 || bounceRate >= 1 || complaintRate <= 0 || complaintRate >= 1) {
            throw new IllegalArgumentException("rates are between 0 and 100 %");
        }
        if (minimumSample < 1) {
            throw new IllegalArgumentException("minimumSample is at least 1");
        }
        if (cutPercent < 1 || cutPercent > 99) {
            throw new IllegalArgumentException("cutPercent is from 1 to 99");
        }
    }

    /** Why these signals throttle, or empty when they are healthy. */
    public Optional<String> problem(DeliverySignals signals) {
        if (signals.attempts() < minimumSample) {
            return Optional.empty();
        }
        if (signals.bounceRate() > bounceRate) {
            return Optional.of(String.format(Locale.ROOT, "bounce rate %.2f %% (%d of %d) over the last %s is above %s %%",
                signals.bounceRate() * 100, signals.hardBounces(), signals.attempts(), describe(window), percent(bounceRate)));
        }
        if (signals.complaintRate() > complaintRate) {
            return Optional.of(String.format(Locale.ROOT, "complaint rate %.2f %% (%d of %d) over the last %s is above %s %%",
                signals.complaintRate() * 100, signals.complaints(), signals.attempts(), describe(window), percent(complaintRate)));
        }
        return Optional.empty();
    }

    /** The limit while throttled at {@code stepIndex} of {@code schedule} (full volume counts as the last step's). */
    public long cutLimit(WarmupSchedule schedule, int stepIndex) {
        int step = Math.min(stepIndex, schedule.steps().size());
        if (backOneStep && step > 0) {
            return schedule.steps().get(step - 1).dailyLimit();
        }
        OptionalLong current = schedule.dailyLimit(step);
        long base = current.orElse(schedule.steps().get(schedule.steps().size() - 1).dailyLimit());
        return Math.max(1, base * cutPercent / 100);
    }

    private static String percent(double rate) {
        return new java.math.BigDecimal(Double.toString(rate * 100)).stripTrailingZeros().toPlainString();
    }

    private static String describe(Duration duration) {
        return duration.toHours() % 24 == 0 && duration.toHours() > 0 && duration.toMinutesPart() == 0
            ? (duration.toHours() == 24 ? "24 h" : duration.toDays() + " d") : duration.toMinutes() + " min";
    }
}
