package org.herald.core.greylist;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.herald.core.breaker.DependencyBreaker;

/**
 * Greylisting that can never hold inbound mail hostage to its dependencies. Each decision runs under a deadline on its
 * own bounded pool; an error (store, DNS), a missed deadline or a full pool accepts the mail (fail open), says why, and
 * counts against a circuit breaker. While the breaker is open, greylisting is skipped outright, without waiting on the
 * dead dependency; after the cool-down one probe decision is let through and its success closes the breaker.
 *
 * <p>Postfix's policy-service default fails closed (451 while the service is down) and James's greylist handler
 * swallows errors without a trace; both turn a store or DNS wobble into a growing backlog at every sender.
 */
public final class GreylistGuard {
    /** What the guard answers: the policy's decision, or an acceptance because the policy could not decide. */
    public sealed interface Verdict {
        boolean accept();

        record Decided(GreylistDecision decision) implements Verdict {
            @Override
            public boolean accept() {
                return decision.pass();
            }
        }

        /** @param breakerOpen true when greylisting was skipped because the breaker is open (no attempt was made) */
        record FailedOpen(String why, boolean breakerOpen) implements Verdict {
            @Override
            public boolean accept() {
                return true;
            }
        }
    }

    private final Function<GreylistRequest, GreylistDecision> policy;
    private final Duration deadline;
    private final DependencyBreaker breaker;
    private final ExecutorService executor;

    /**
     * @param executor where decisions run; bounded (threads and queue), so a hanging store cannot pile up work: a
     *                 rejected submission fails open at once
     */
    public GreylistGuard(Function<GreylistRequest, GreylistDecision> policy, Duration deadline, DependencyBreaker breaker,
                         ExecutorService executor) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    public Verdict decide(GreylistRequest request) {
        if (!breaker.tryAcquire()) {
            return new Verdict.FailedOpen("greylisting suspended: " + breaker.reason(), true);
        }
        Future<GreylistDecision> decision;
        try {
            decision = executor.submit(() -> policy.apply(request));
        } catch (RejectedExecutionException e) {
            return failed("every greylist worker is busy waiting on the store or DNS");
        }
        try {
            GreylistDecision decided = decision.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            breaker.recordSuccess();
            return new Verdict.Decided(decided);
        } catch (TimeoutException e) {
            decision.cancel(true);
            return failed("no decision within " + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return failed(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            decision.cancel(true);
            return failed("interrupted while waiting for a decision");
        }
    }

    private Verdict failed(String why) {
        breaker.recordFailure(why);
        return new Verdict.FailedOpen(why, false);
    }

    public DependencyBreaker breaker() {
        return breaker;
    }

    public Duration deadline() {
        return deadline;
    }
}
