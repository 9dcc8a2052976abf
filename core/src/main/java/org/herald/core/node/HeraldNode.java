package org.herald.core.node;

import java.time.Instant;
import java.util.Objects;

/**
 * One Herald server process that has started against a store. Several nodes sharing a PostgreSQL store see each
 * other through {@link org.herald.core.store.NodeRegistry}.
 *
 * @param nodeId       stable identity of the node (survives restarts), never blank
 * @param hostname     the host it last started on
 * @param version      the Herald version it last started with
 * @param firstStarted when this node id was first recorded; never changes afterwards
 * @param lastStarted  its most recent start; never before {@code firstStarted}
 */
public record HeraldNode(String nodeId, String hostname, String version, Instant firstStarted, Instant lastStarted) {
    public static final int MAX_ID_LENGTH = 255;
    public static final int MAX_HOSTNAME_LENGTH = 255;
    public static final int MAX_VERSION_LENGTH = 100;

    public HeraldNode {
        requireText("nodeId", nodeId, MAX_ID_LENGTH);
        requireText("hostname", hostname, MAX_HOSTNAME_LENGTH);
        requireText("version", version, MAX_VERSION_LENGTH);
        Objects.requireNonNull(firstStarted, "firstStarted");
        Objects.requireNonNull(lastStarted, "lastStarted");
        if (lastStarted.isBefore(firstStarted)) {
            throw new IllegalArgumentException("lastStarted " + lastStarted + " is before firstStarted " + firstStarted);
        }
    }

    /** A node seen for the first time. */
    public static HeraldNode firstStart(String nodeId, String hostname, String version, Instant now) {
        return new HeraldNode(nodeId, hostname, version, now, now);
    }

    /**
     * This node started again: hostname, version and lastStarted follow the new start, firstStarted is kept.
     * A clock that went backwards (now before firstStarted) pulls firstStarted back rather than producing an
     * impossible record.
     */
    public HeraldNode restarted(String newHostname, String newVersion, Instant now) {
        Instant first = now.isBefore(firstStarted) ? now : firstStarted;
        return new HeraldNode(nodeId, newHostname, newVersion, first, now);
    }

    /** Checks a value that will become a node's field, so callers fail before touching a store. */
    public static void requireText(String field, String value, int maxLength) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(field + " is " + value.length() + " characters long; at most " + maxLength + " are allowed");
        }
    }
}
