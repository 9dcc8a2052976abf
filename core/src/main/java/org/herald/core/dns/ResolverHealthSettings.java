package org.herald.core.dns;

import java.time.Duration;
import java.util.Objects;

import org.herald.core.breaker.BreakerSettings;

/**
 * conf/dns.xml's {@code <health>}: a resolver that gave no answer {@code markDownAfter} times in a row is marked down
 * and skipped while another is up; every {@code recoveryInterval} a down resolver is asked {@code recoveryQuery} (type
 * NS, the root by default: cheap, answered from any resolver's cache) and an answer brings it back.
 */
public record ResolverHealthSettings(int markDownAfter, Duration recoveryInterval, String recoveryQuery) {
    public static final int DEFAULT_MARK_DOWN_AFTER = 3;
    public static final Duration DEFAULT_RECOVERY_INTERVAL = Duration.ofSeconds(30);
    public static final String DEFAULT_RECOVERY_QUERY = ".";
    public static final ResolverHealthSettings DEFAULT =
        new ResolverHealthSettings(DEFAULT_MARK_DOWN_AFTER, DEFAULT_RECOVERY_INTERVAL, DEFAULT_RECOVERY_QUERY);

    public ResolverHealthSettings {
        Objects.requireNonNull(recoveryInterval, "recoveryInterval");
        Objects.requireNonNull(recoveryQuery, "recoveryQuery");
        if (markDownAfter < 1 || recoveryInterval.isNegative() || recoveryInterval.isZero()) {
            throw new IllegalArgumentException("invalid resolver health settings: markDownAfter " + markDownAfter
                + ", recoveryInterval " + recoveryInterval);
        }
    }

    /**
     * The breaker of one resolver: only the "N in a row" rule decides (the failure-rate window is one longer than N at
     * 100%, so it can never fire first), and the cool-down is the recovery interval.
     */
    public BreakerSettings breakerSettings() {
        return new BreakerSettings(markDownAfter, 100, markDownAfter + 1, markDownAfter + 1, recoveryInterval);
    }
}
