package org.herald.core.dns;

import java.time.Instant;
import java.util.Optional;

/**
 * The counters of one resolver, for the operator (WebAdmin, metrics). Separate from its breaker, which alone decides up
 * or down: a SERVFAIL counts here (the lookup moved on to the next resolver) but not against the breaker, because a
 * resolver that answers SERVFAIL is alive and the fault is often the queried domain's.
 */
final class ResolverHealth {
    /** Weight of the newest sample in the latency moving average. */
    static final double LATENCY_WEIGHT = 0.3;

    private long queries;
    private long failures;
    private int consecutiveFailures;
    private double latencyAverageMillis;
    private boolean latencyMeasured;
    private ResolverError lastError;

    synchronized void answered(long latencyMillis) {
        queries++;
        consecutiveFailures = 0;
        latency(latencyMillis);
    }

    /** A response that is no usable answer (SERVFAIL, REFUSED): its latency still says how fast the resolver is. */
    synchronized void answeredBadly(long latencyMillis, String why, Instant at) {
        failed(why, at);
        latency(latencyMillis);
    }

    synchronized void failed(String why, Instant at) {
        queries++;
        failures++;
        consecutiveFailures++;
        lastError = new ResolverError(why, at);
    }

    private void latency(long millis) {
        latencyAverageMillis = latencyMeasured ? latencyAverageMillis + LATENCY_WEIGHT * (millis - latencyAverageMillis) : millis;
        latencyMeasured = true;
    }

    synchronized long queries() {
        return queries;
    }

    synchronized long failures() {
        return failures;
    }

    synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    synchronized double latencyAverageMillis() {
        return latencyAverageMillis;
    }

    synchronized Optional<ResolverError> lastError() {
        return Optional.ofNullable(lastError);
    }
}
