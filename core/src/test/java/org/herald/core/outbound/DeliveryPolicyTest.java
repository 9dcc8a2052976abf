package org.herald.core.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.herald.core.outbound.RecipientResult.delivered;
import static org.herald.core.outbound.RecipientResult.permanentFailure;
import static org.herald.core.outbound.RecipientResult.temporaryFailure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.herald.core.relay.RetrySchedule;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {
    private static final Instant QUEUED = Instant.parse("2026-11-23T10:00:00Z");
    private final DeliveryPolicy policy = new DeliveryPolicy(new RetrySchedule(
        List.of(Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofHours(1)), Duration.ofDays(2)));

    @Test
    void everyRecipientAcceptedNeedsNothingMore() {
        DeliveryDecision decision = policy.decide(List.of(delivered("a@x.example", "250 ok"), delivered("b@x.example", "250 ok")),
            0, QUEUED, QUEUED.plusSeconds(1));

        assertThat(decision.delivered()).extracting(RecipientResult::recipient).containsExactly("a@x.example", "b@x.example");
        assertThat(decision.needsBounce()).isFalse();
        assertThat(decision.needsRetry()).isFalse();
        assertThat(decision.retryAt()).isEmpty();
    }

    @Test
    void temporaryFailuresAreRetriedOnTheScheduleByAttemptNumber() {
        Instant now = QUEUED.plus(Duration.ofMinutes(15));
        List<RecipientResult> failed = List.of(temporaryFailure("a@x.example", "451 try later"));

        assertThat(policy.decide(failed, 0, QUEUED, now).retryAt()).contains(now.plus(Duration.ofMinutes(1)));
        assertThat(policy.decide(failed, 1, QUEUED, now).retryAt()).contains(now.plus(Duration.ofMinutes(10)));
        assertThat(policy.decide(failed, 2, QUEUED, now).retryAt()).contains(now.plus(Duration.ofHours(1)));
        // The last delay repeats.
        assertThat(policy.decide(failed, 40, QUEUED, now).retryAt()).contains(now.plus(Duration.ofHours(1)));
    }

    @Test
    void aLongOutageDefersUntilTheQueueLifetimeAndNeverBouncesBefore() {
        List<RecipientResult> failed = List.of(temporaryFailure("a@x.example", "connection refused"));

        DeliveryDecision justBefore = policy.decide(failed, 47, QUEUED, QUEUED.plus(Duration.ofDays(2)).minusSeconds(1));
        DeliveryDecision atLifetime = policy.decide(failed, 48, QUEUED, QUEUED.plus(Duration.ofDays(2)));

        assertThat(justBefore.needsBounce()).isFalse();
        assertThat(justBefore.retried()).extracting(RecipientResult::recipient).containsExactly("a@x.example");
        assertThat(atLifetime.needsRetry()).isFalse();
        assertThat(atLifetime.bounced()).singleElement().satisfies(bounce -> {
            assertThat(bounce.status()).isEqualTo(RecipientResult.Status.PERMANENT_FAILURE);
            assertThat(bounce.reply()).isEqualTo("gave up after 2d of temporary failures; last: connection refused");
        });
    }

    @Test
    void withNoRelayAvailableTheMailWaitsForTheFirstProbeWithoutBouncing() {
        Instant now = QUEUED.plus(Duration.ofHours(3));
        Instant probe = now.plusSeconds(40);

        DeliveryDecision decision = policy.waitForRelay(List.of("a@x.example", "b@x.example"), "relay primary is open", QUEUED, now, probe);

        assertThat(decision.needsBounce()).isFalse();
        assertThat(decision.retried()).extracting(RecipientResult::reply).containsOnly("relay primary is open");
        assertThat(decision.retryAt()).contains(probe);
    }

    @Test
    void waitingForARelayNeverRetriesSoonerThanASecondFromNow() {
        Instant now = QUEUED.plus(Duration.ofHours(3));

        assertThat(policy.waitForRelay(List.of("a@x.example"), "open", QUEUED, now, now.minusSeconds(5)).retryAt())
            .contains(now.plusSeconds(1));
    }

    @Test
    void waitingForARelayBouncesOnlyOnceTheQueueLifetimeHasPassed() {
        DeliveryDecision decision = policy.waitForRelay(List.of("a@x.example"), "relay primary is open", QUEUED,
            QUEUED.plus(Duration.ofDays(2)), QUEUED.plus(Duration.ofDays(3)));

        assertThat(decision.needsRetry()).isFalse();
        assertThat(decision.bounced()).singleElement().satisfies(bounce ->
            assertThat(bounce.reply()).isEqualTo("gave up after 2d without an available relay; last: relay primary is open"));
    }

    @Test
    void aPermanentFailureBouncesOnlyThatRecipientAndTheOthersGoOn() {
        DeliveryDecision decision = policy.decide(List.of(
                delivered("a@x.example", "250 ok"),
                permanentFailure("b@x.example", "550 5.1.1 no such user"),
                temporaryFailure("c@x.example", "452 mailbox full")),
            0, QUEUED, QUEUED.plusSeconds(5));

        assertThat(decision.delivered()).extracting(RecipientResult::recipient).containsExactly("a@x.example");
        assertThat(decision.bounced()).containsExactly(permanentFailure("b@x.example", "550 5.1.1 no such user"));
        assertThat(decision.retried()).extracting(RecipientResult::recipient).containsExactly("c@x.example");
        assertThat(decision.retryAt()).contains(QUEUED.plusSeconds(5).plus(Duration.ofMinutes(1)));
    }
}
