package org.herald.core.greylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.herald.core.breaker.BreakerSettings;
import org.herald.core.breaker.BreakerState;
import org.herald.core.breaker.BreakerTransition;
import org.herald.core.breaker.DependencyBreaker;
import org.herald.core.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GreylistGuardTest {
    private static final Duration DEADLINE = Duration.ofMillis(200);
    private static final GreylistDecision DEFERRED = GreylistDecision.defer(GreylistReason.FIRST_SEEN, Duration.ofSeconds(180), "first");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final List<BreakerTransition> transitions = new ArrayList<>();
    private final DependencyBreaker breaker = new DependencyBreaker("greylist",
        new BreakerSettings(3, 50, 20, 10, Duration.ofSeconds(30)), clock, transitions::add);
    private final ExecutorService workers = new ThreadPoolExecutor(2, 2, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1));
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        workers.shutdownNow();
    }

    private GreylistGuard guard(Function<GreylistRequest, GreylistDecision> policy) {
        return new GreylistGuard(policy, DEADLINE, breaker, workers);
    }

    private static GreylistRequest request() throws Exception {
        return new GreylistRequest(InetAddress.getByName("192.0.2.10"), "alice@example.com", "bob@example.net");
    }

    private GreylistDecision hang(GreylistRequest request) {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return DEFERRED;
    }

    /** Like a JDBC read on a dead connection: interrupting it does not free the thread. */
    private GreylistDecision hangUninterruptibly(GreylistRequest request) {
        while (release.getCount() > 0) {
            try {
                release.await();
            } catch (InterruptedException ignored) {
                // keeps waiting, as a blocked socket read would
            }
        }
        return DEFERRED;
    }

    @Test
    void thePolicysDecisionIsTheAnswerWhenItComesInTime() throws Exception {
        GreylistGuard.Verdict verdict = guard(request -> DEFERRED).decide(request());

        assertThat(verdict).isEqualTo(new GreylistGuard.Verdict.Decided(DEFERRED));
        assertThat(verdict.accept()).isFalse();
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void aStoreErrorAcceptsTheMailAndSaysWhy() throws Exception {
        GreylistGuard.Verdict verdict = guard(request -> {
            throw new IllegalStateException("connection refused");
        }).decide(request());

        assertThat(verdict.accept()).isTrue();
        assertThat(((GreylistGuard.Verdict.FailedOpen) verdict).why()).contains("IllegalStateException").contains("connection refused");
    }

    @Test
    void aSlowPolicyIsCutAtTheDeadline() throws Exception {
        long started = System.nanoTime();
        GreylistGuard.Verdict verdict = guard(this::hang).decide(request());
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(verdict).isInstanceOf(GreylistGuard.Verdict.FailedOpen.class);
        assertThat(((GreylistGuard.Verdict.FailedOpen) verdict).why()).contains("200 ms");
        assertThat(millis).isBetween(150L, 1_000L);
    }

    @Test
    void repeatedFailuresOpenTheBreakerAndThenNothingWaitsUntilTheProbe() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        boolean[] healthy = {false};
        GreylistGuard guard = guard(request -> {
            calls.incrementAndGet();
            if (!healthy[0]) {
                throw new IllegalStateException("store down");
            }
            return DEFERRED;
        });
        for (int i = 0; i < 3; i++) {
            guard.decide(request());
        }
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(transitions).hasSize(1);

        GreylistGuard.Verdict skipped = guard.decide(request());
        assertThat(skipped).isEqualTo(new GreylistGuard.Verdict.FailedOpen("greylisting suspended: " + breaker.reason(), true));
        assertThat(calls).hasValue(3);

        healthy[0] = true;
        clock.advance(Duration.ofSeconds(31));
        assertThat(guard.decide(request())).isEqualTo(new GreylistGuard.Verdict.Decided(DEFERRED));
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void whenEveryWorkerIsStuckTheNextRcptFailsOpenAtOnce() throws Exception {
        GreylistGuard guard = guard(this::hangUninterruptibly);
        for (int i = 0; i < 3; i++) {
            guard.decide(request());
        }
        breaker.close();

        long started = System.nanoTime();
        GreylistGuard.Verdict verdict = guard.decide(request());

        assertThat(((GreylistGuard.Verdict.FailedOpen) verdict).why()).contains("busy");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(100);
    }
}
