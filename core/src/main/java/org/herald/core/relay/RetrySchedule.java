package org.herald.core.relay;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * When Herald tries a deferred mail again: the listed delays in order, then the last delay repeated, until the mail
 * has waited {@code giveUpAfter} in all; only then is it bounced. A failing relay therefore defers mail for days,
 * as operators expect of an MTA, instead of bouncing it after a few quick attempts.
 */
public record RetrySchedule(List<Duration> delays, Duration giveUpAfter) {
    public static final RetrySchedule DEFAULT = new RetrySchedule(
        List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4)),
        Duration.ofDays(5));

    public RetrySchedule {
        delays = List.copyOf(delays);
        Objects.requireNonNull(giveUpAfter);
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("a retry schedule needs at least one delay");
        }
    }

    /** The delay before retry number {@code retry} (1 for the first retry). */
    public Duration delayBefore(int retry) {
        return delays.get(Math.min(retry, delays.size()) - 1);
    }

    /** How many retries fit in {@code giveUpAfter}; at least one, so a configured relay is always tried twice. */
    public int maxRetries() {
        Duration waited = Duration.ZERO;
        int retries = 0;
        for (Duration delay : delays) {
            if (waited.plus(delay).compareTo(giveUpAfter) > 0) {
                return Math.max(1, retries);
            }
            waited = waited.plus(delay);
            retries++;
        }
        // The last delay repeats: count how many more fit arithmetically rather than one loop step per retry.
        Duration last = delays.get(delays.size() - 1);
        long more = giveUpAfter.minus(waited).toMillis() / Math.max(1, last.toMillis());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE / 2, retries + more));
    }
}
