package org.herald.core.breaker;

/** Where a dependency's circuit breaker stands; {@code level} is the value of the Prometheus gauge. */
public enum BreakerState {
    /** The dependency is used. */
    CLOSED(0),
    /** The cool-down has passed: one probe attempt is let through; its outcome closes or reopens the breaker. */
    HALF_OPEN(1),
    /** Too many failures: the dependency is skipped until the cool-down has passed. */
    OPEN(2),
    /** Opened by the operator (maintenance): skipped until the operator closes it. */
    FORCED_OPEN(3);

    private final int level;

    BreakerState(int level) {
        this.level = level;
    }

    public int level() {
        return level;
    }
}
