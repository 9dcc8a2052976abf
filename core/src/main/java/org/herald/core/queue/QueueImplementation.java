package org.herald.core.queue;

/** Which mail queue carries the spool and the delivery queues. */
public enum QueueImplementation {
    /** James's ActiveMQ queue over an embedded broker, journal under the data directory: durable. The default. */
    ACTIVEMQ,
    /** James's in-memory queue: mail is lost when the process stops. Only for benchmarks and comparisons. */
    MEMORY
}
