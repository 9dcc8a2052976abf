package org.herald.queue.engine;

/**
 * Observes the engine. Called on the engine's own threads (the committer, or the thread calling {@code open}):
 * implementations must be quick and must not call back into the engine's blocking methods.
 */
public interface QueueEngineListener {
    QueueEngineListener NONE = new QueueEngineListener() {
    };

    /**
     * One group commit: {@code records} journal records (enqueues, defers, completes...) of which {@code newBodies}
     * new bodies, made durable with one journal sync that took {@code syncNanos} (body, directory and journal syncs).
     */
    default void batchCommitted(int records, int newBodies, long syncNanos) {
    }

    /** A damaged item found at open and moved to quarantine. */
    default void quarantined(QuarantinedItem item) {
    }
}
