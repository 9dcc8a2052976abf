package org.herald.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.herald.core.node.HeraldNode;

/**
 * The Herald nodes that have started against this store. Each node records itself at start-up; with a shared
 * PostgreSQL store every node sees the others.
 *
 * <p>Backends keep timestamps to microsecond precision: the node returned by {@link #recordStart} is exactly what
 * {@link #find} returns afterwards. Failure policy: a store that cannot be reached makes these methods throw; a node
 * that cannot record its start does not start.
 */
public interface NodeRegistry {

    /**
     * Records that {@code nodeId} started at {@code now}: inserts the node, or, when it is already known, updates
     * hostname, version and lastStarted while keeping firstStarted. Safe to call concurrently for the same node.
     *
     * @return the node as stored after this start
     * @throws IllegalArgumentException when a value is blank or too long for a {@link HeraldNode}
     */
    HeraldNode recordStart(String nodeId, String hostname, String version, Instant now);

    Optional<HeraldNode> find(String nodeId);

    /** Every known node, ordered by nodeId ({@link String#compareTo}, the same on every backend). */
    List<HeraldNode> all();
}
