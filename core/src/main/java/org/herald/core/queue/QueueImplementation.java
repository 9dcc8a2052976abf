package org.herald.core.queue;

/** Which mail queue carries the spool and the delivery queues. */
public enum QueueImplementation {
    /** James's ActiveMQ queue over an embedded broker, journal under the data directory: durable, but slower, and it
     *  can block fresh mail behind deferred mail. Kept for comparison. */
    ACTIVEMQ,
    /**
     * Herald's own node-local queue: journal and bodies under the data directory, synced with group commit before the
     * 250, indexed by next-attempt time so deferred mail never delays fresh mail. The default.
     */
    HERALD,
    /** James's in-memory queue: mail is lost when the process stops. Only for benchmarks and comparisons. */
    MEMORY
}
