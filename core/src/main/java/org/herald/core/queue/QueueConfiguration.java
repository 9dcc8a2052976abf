package org.herald.core.queue;

import java.util.Objects;

/** conf/queue.xml, parsed. */
public record QueueConfiguration(QueueImplementation implementation) {
    public static final QueueConfiguration DEFAULT = new QueueConfiguration(QueueImplementation.ACTIVEMQ);

    public QueueConfiguration {
        Objects.requireNonNull(implementation);
    }

    public boolean isDurable() {
        return implementation != QueueImplementation.MEMORY;
    }
}
