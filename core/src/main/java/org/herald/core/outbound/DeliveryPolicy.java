package org.herald.core.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.herald.core.config.DurationText;
import org.herald.core.relay.RetrySchedule;

/**
 * Decides, after each delivery attempt, which recipients are done, which bounce and when the rest are tried again.
 * A temporary failure is retried on the {@link RetrySchedule} until the mail has been queued for
 * {@code giveUpAfter}; only then does it bounce, so an outage of the next hop defers mail for days and never bounces
 * it early. A permanent failure bounces that recipient at once; the others are unaffected.
 */
public final class DeliveryPolicy {
    private final RetrySchedule schedule;

    public DeliveryPolicy(RetrySchedule schedule) {
        this.schedule = Objects.requireNonNull(schedule);
    }

    /**
     * @param results        one result per recipient of the attempt
     * @param failedAttempts attempts that failed before this one (0 on the first attempt)
     * @param queuedAt       when the mail entered the outgoing queue
     * @param now            when the attempt ended
     */
    public DeliveryDecision decide(List<RecipientResult> results, int failedAttempts, Instant queuedAt, Instant now) {
        List<RecipientResult> delivered = new ArrayList<>();
        List<RecipientResult> bounced = new ArrayList<>();
        List<RecipientResult> retried = new ArrayList<>();
        Duration queuedFor = Duration.between(queuedAt, now);
        boolean givingUp = queuedFor.compareTo(schedule.giveUpAfter()) >= 0;
        for (RecipientResult result : results) {
            switch (result.status()) {
                case DELIVERED -> delivered.add(result);
                case PERMANENT_FAILURE -> bounced.add(result);
                case TEMPORARY_FAILURE -> {
                    if (givingUp) {
                        bounced.add(new RecipientResult(result.recipient(), RecipientResult.Status.PERMANENT_FAILURE,
                            "gave up after " + DurationText.format(queuedFor) + " of temporary failures; last: " + result.reply()));
                    } else {
                        retried.add(result);
                    }
                }
            }
        }
        return new DeliveryDecision(delivered, bounced, retried, retryAt(retried, failedAttempts, now));
    }

    /**
     * No relay could be tried (every breaker of the chain open): the recipients wait until {@code availableAgain},
     * unless the mail has been queued for {@code giveUpAfter}; no attempt is counted, since none was made.
     */
    public DeliveryDecision waitForRelay(List<String> recipients, String why, Instant queuedAt, Instant now, Instant availableAgain) {
        Duration queuedFor = Duration.between(queuedAt, now);
        List<RecipientResult> waiting = recipients.stream()
            .map(recipient -> RecipientResult.temporaryFailure(recipient, why))
            .toList();
        if (queuedFor.compareTo(schedule.giveUpAfter()) >= 0) {
            List<RecipientResult> bounced = waiting.stream()
                .map(result -> RecipientResult.permanentFailure(result.recipient(),
                    "gave up after " + DurationText.format(queuedFor) + " without an available relay; last: " + why))
                .toList();
            return new DeliveryDecision(List.of(), bounced, List.of(), Optional.empty());
        }
        Instant notBefore = now.plusSeconds(1);
        return new DeliveryDecision(List.of(), List.of(), waiting,
            Optional.of(availableAgain.isAfter(notBefore) ? availableAgain : notBefore));
    }

    private Optional<Instant> retryAt(List<RecipientResult> retried, int failedAttempts, Instant now) {
        return retried.isEmpty()
            ? Optional.empty()
            : Optional.of(now.plus(schedule.delayBefore(failedAttempts + 1)));
    }
}
