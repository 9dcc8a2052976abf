package org.herald.core.breaker;

import org.herald.core.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class DependencyBreakerTest {
    private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
    private static final BreakerSettings SETTINGS = new BreakerSettings(3, 50, 10, 6, Duration.ofSeconds(60));

    private final MutableClock clock = new MutableClock(START);
    private final List<BreakerTransition> transitions = new ArrayList<>();
    private final DependencyBreaker breaker = new DependencyBreaker("primary", SETTINGS, clock, transitions::add);

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            assertThat(breaker.tryAcquire()).isTrue();
            breaker.recordFailure("connection refused");
        }
    }

    @Test
    void startsClosedAndLetsAttemptsThrough() {
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.openUntil()).isEmpty();
        assertThat(transitions).isEmpty();
    }

    @Test
    void opensAfterTheConfiguredFailuresInARow() {
        fail(2);
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);

        fail(1);

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(breaker.reason()).isEqualTo("3 failed attempts in a row; last: connection refused");
        assertThat(breaker.since()).isEqualTo(START);
        assertThat(breaker.openUntil()).contains(START.plusSeconds(60));
        assertThat(transitions).singleElement().satisfies(transition -> {
            assertThat(transition.dependency()).isEqualTo("primary");
            assertThat(transition.from()).isEqualTo(BreakerState.CLOSED);
            assertThat(transition.to()).isEqualTo(BreakerState.OPEN);
        });
    }

    @Test
    void aSuccessResetsTheRunOfFailures() {
        fail(2);
        breaker.tryAcquire();
        breaker.recordSuccess();
        fail(2);

        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void opensWhenTheFailureRateOverTheWindowIsReachedWithoutARun() {
        // success, failure, alternating: never 3 in a row, but 50 % of 6 attempts once 6 are made.
        for (int i = 0; i < 3; i++) {
            breaker.tryAcquire();
            breaker.recordSuccess();
            fail(1);
        }

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.reason()).startsWith("failure rate over 50% of the last 10 attempts");
    }

    @Test
    void afterTheCoolDownOneProbeGoesThroughAndItsSuccessCloses() {
        fail(3);
        clock.advance(Duration.ofSeconds(59));
        assertThat(breaker.tryAcquire()).isFalse();

        clock.advance(Duration.ofSeconds(2));
        assertThat(breaker.tryAcquire()).as("the probe").isTrue();
        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(breaker.tryAcquire()).as("a second attempt while the probe runs").isFalse();

        breaker.recordSuccess();

        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(breaker.reason()).isEqualTo("probe succeeded");
        assertThat(transitions).extracting(BreakerTransition::to)
            .containsExactly(BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.CLOSED);
    }

    @Test
    void aFailedProbeReopensForAnotherCoolDown() {
        fail(3);
        clock.advance(Duration.ofSeconds(61));
        assertThat(breaker.tryAcquire()).isTrue();

        breaker.recordFailure("421 try later");

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.reason()).isEqualTo("probe failed: 421 try later");
        assertThat(breaker.openUntil()).contains(START.plusSeconds(61 + 60));
    }

    @Test
    void anOperatorOpenedBreakerStaysOpenUntilClosedByTheOperator() {
        breaker.forceOpen();
        clock.advance(Duration.ofHours(1));

        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(breaker.state()).isEqualTo(BreakerState.FORCED_OPEN);
        assertThat(breaker.reason()).isEqualTo("opened by the operator");

        breaker.close();

        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(transitions).extracting(BreakerTransition::reason).containsExactly("opened by the operator", "closed by the operator");
    }

    @Test
    void eachTransitionIsReportedOnceHoweverManyMailsFail() {
        fail(3);
        for (int i = 0; i < 100; i++) {
            assertThat(breaker.tryAcquire()).isFalse();
        }

        assertThat(transitions).hasSize(1);
    }
}
