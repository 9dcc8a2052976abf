package org.herald.queue.engine;

/**
 * An entry's metadata as handed out by {@link QueueEngine#poll()}, {@link QueueEngine#take} and
 * {@link QueueEngine#browse()}. Holds no body and no open resource: read the body with {@link QueueEngine#openBody}.
 *
 * @param id       the engine's id of the entry (16 lowercase hex digits, also the body file's name)
 * @param envelope the durable envelope at the time it was handed out
 * @param bodySize the body's size in bytes
 */
public record QueueEntry(String id, QueueEnvelope envelope, long bodySize) {
}
