package org.herald.core.dns;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.herald.core.breaker.BreakerState;

/**
 * One resolver of the pool as WebAdmin and the metrics show it.
 *
 * @param name                 {@code 127.0.0.1:53}
 * @param state                its breaker: CLOSED is up; OPEN is down (skipped while another is up), HALF_OPEN is
 *                             being probed
 * @param since                when it entered that state
 * @param reason               why (e.g. {@code 3 failed attempts in a row; last: no answer within 1s})
 * @param downUntil            when it will next be probed, while down
 * @param queries              queries sent to it since start (recovery probes included)
 * @param failures             of those, how many got no usable answer (timeout, network error, SERVFAIL, refused)
 * @param consecutiveFailures  failures since its last usable answer
 * @param latencyAverageMillis moving average of its response time, over the queries it answered; 0 before any
 */
public record ResolverStatus(String name, BreakerState state, Instant since, String reason, Optional<Instant> downUntil,
                             long queries, long failures, int consecutiveFailures, double latencyAverageMillis,
                             Optional<ResolverError> lastError) {
    public ResolverStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(downUntil, "downUntil");
        Objects.requireNonNull(lastError, "lastError");
    }

    /** Up means used in turn; a resolver being probed is not up until the probe answered. */
    public boolean up() {
        return state == BreakerState.CLOSED;
    }

    /** The name in a Prometheus metric name: {@code 127.0.0.1:5353} becomes {@code 127_0_0_1_5353}. */
    public String metricName() {
        return metricName(name);
    }

    public static String metricName(String resolverName) {
        return resolverName.replace("[", "").replace("]", "").replaceAll("[^A-Za-z0-9]", "_");
    }
}
