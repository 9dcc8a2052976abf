package org.herald.core.breaker;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.herald.core.config.DurationText;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.internal.CircuitBreakerStateMachine;

/**
 * The circuit breaker of one external dependency (a dependency, the greylist store, a resolver). Resilience4j keeps the
 * failure-rate window and the half-open probe permit; this class adds what an operator needs: the "N failures in a
 * row" rule, since when and why the breaker is in its state, and one {@link BreakerTransition} per change (never one
 * per call). What counts as a failure is the caller's call: for a dependency, an attempt where no recipient got a
 * definitive answer; for the greylist store, an error or a missed deadline.
 */
public final class DependencyBreaker {
    private static final RuntimeException FAILURE = new RuntimeException("call failed") {
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    };

    private final String dependency;
    private final BreakerSettings settings;
    private final Clock clock;
    private final Consumer<BreakerTransition> listener;
    private final CircuitBreaker breaker;
    private final String probeReason;
    private int consecutiveFailures;
    private String pendingReason = "";
    private Instant since;
    private Instant openedAt;
    private String reason = "no failure seen";

    public DependencyBreaker(String dependency, BreakerSettings settings, Clock clock, Consumer<BreakerTransition> listener) {
        this.dependency = Objects.requireNonNull(dependency);
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
        this.listener = Objects.requireNonNull(listener);
        this.since = clock.instant();
        this.probeReason = "cool-down of " + DurationText.format(settings.coolDown()) + " over: one probe attempt let through";
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(settings.window())
            .minimumNumberOfCalls(settings.minimumAttempts())
            .failureRateThreshold(settings.failureRatePercent())
            .waitDurationInOpenState(settings.coolDown())
            .permittedNumberOfCallsInHalfOpenState(1)
            .automaticTransitionFromOpenToHalfOpenEnabled(false)
            .build();
        // The state machine's own constructor is the one that takes a Clock: the cool-down must follow Herald's clock.
        this.breaker = new CircuitBreakerStateMachine(dependency, config, clock);
        breaker.getEventPublisher().onStateTransition(event -> transitioned(
            state(event.getStateTransition().getFromState()), state(event.getStateTransition().getToState())));
    }

    /** Asks to use the dependency now; true means an attempt may go ahead and its outcome must be recorded. */
    public synchronized boolean tryAcquire() {
        pendingReason = probeReason;
        return breaker.tryAcquirePermission();
    }

    /** Gives back a permission from {@link #tryAcquire} whose attempt never happened. */
    public synchronized void release() {
        breaker.releasePermission();
    }

    public synchronized void recordSuccess() {
        consecutiveFailures = 0;
        pendingReason = "probe succeeded";
        breaker.onSuccess(0, TimeUnit.NANOSECONDS);
    }

    public synchronized void recordFailure(String why) {
        consecutiveFailures++;
        BreakerState before = state();
        pendingReason = before == BreakerState.HALF_OPEN
            ? "probe failed: " + why
            : "failure rate over " + settings.failureRatePercent() + "% of the last " + settings.window() + " attempts; last: " + why;
        breaker.onError(0, TimeUnit.NANOSECONDS, FAILURE);
        if (state() == BreakerState.CLOSED && consecutiveFailures >= settings.consecutiveFailures()) {
            pendingReason = consecutiveFailures + " failed attempts in a row; last: " + why;
            breaker.transitionToOpenState();
        }
    }

    /** The operator's maintenance switch: open stays open until {@link #close}. */
    public synchronized void forceOpen() {
        pendingReason = "opened by the operator";
        breaker.transitionToForcedOpenState();
    }

    public synchronized void close() {
        pendingReason = "closed by the operator";
        consecutiveFailures = 0;
        breaker.transitionToClosedState();
    }

    public synchronized BreakerState state() {
        return state(breaker.getState());
    }

    public synchronized Instant since() {
        return since;
    }

    public synchronized String reason() {
        return reason;
    }

    /** When an attempt may next be let through, if the breaker is open now; empty when it is closed or half-open. */
    public synchronized Optional<Instant> openUntil() {
        return switch (state()) {
            case OPEN -> Optional.of(openedAt.plus(settings.coolDown()));
            case FORCED_OPEN -> Optional.of(clock.instant().plus(settings.coolDown()));
            default -> Optional.empty();
        };
    }

    private void transitioned(BreakerState from, BreakerState to) {
        Instant now = clock.instant();
        since = now;
        reason = pendingReason;
        if (to == BreakerState.OPEN || to == BreakerState.FORCED_OPEN) {
            openedAt = now;
        }
        try {
            listener.accept(new BreakerTransition(dependency, from, to, now, reason));
        } catch (RuntimeException ignored) {
            // a listener's failure must not change delivery
        }
    }

    private static BreakerState state(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED, DISABLED, METRICS_ONLY -> BreakerState.CLOSED;
            case HALF_OPEN -> BreakerState.HALF_OPEN;
            case OPEN -> BreakerState.OPEN;
            case FORCED_OPEN -> BreakerState.FORCED_OPEN;
        };
    }
}
