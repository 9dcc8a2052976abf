package org.herald.core.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * conf/queue.xml, parsed: which queue implementation, and when /healthcheck reports the queues as degraded
 * (more mails waiting than {@code healthMaxDepth}, or a mail older than {@code healthMaxOldestAge}).
 */
public record QueueConfiguration(QueueImplementation implementation, long healthMaxDepth, Duration healthMaxOldestAge) {
    public static final long DEFAULT_HEALTH_MAX_DEPTH = 50_000;
    public static final Duration DEFAULT_HEALTH_MAX_OLDEST_AGE = Duration.ofDays(2);
    public static final QueueConfiguration DEFAULT = new QueueConfiguration(QueueImplementation.HERALD,
        DEFAULT_HEALTH_MAX_DEPTH, DEFAULT_HEALTH_MAX_OLDEST_AGE);

    public QueueConfiguration {
        Objects.requireNonNull(implementation);
        Objects.requireNonNull(healthMaxOldestAge);
    }

    public QueueConfiguration(QueueImplementation implementation) {
        this(implementation, DEFAULT_HEALTH_MAX_DEPTH, DEFAULT_HEALTH_MAX_OLDEST_AGE);
    }

    public boolean isDurable() {
        return implementation != QueueImplementation.MEMORY;
    }
}
