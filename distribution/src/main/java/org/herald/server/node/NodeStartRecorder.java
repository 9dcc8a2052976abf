package org.herald.server.node;

import java.time.Clock;

import javax.inject.Inject;

import org.apache.james.lifecycle.api.Startable;
import org.herald.core.node.HeraldNode;
import org.herald.core.store.NodeRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records this node's start in the state store, where WebAdmin's /nodes and the other nodes can see it. */
public class NodeStartRecorder implements Startable {
    private static final Logger LOGGER = LoggerFactory.getLogger(NodeStartRecorder.class);

    private final NodeRegistry registry;
    private final NodeIdentity identity;
    private final Clock clock;

    @Inject
    public NodeStartRecorder(NodeRegistry registry, NodeIdentity identity, Clock clock) {
        this.registry = registry;
        this.identity = identity;
        this.clock = clock;
    }

    public void start() {
        HeraldNode node = registry.recordStart(identity.nodeId(), identity.hostname(), identity.version(), clock.instant());
        LOGGER.info("Herald node {} on {} (version {}), first started {}", node.nodeId(), node.hostname(), node.version(),
            node.firstStarted());
    }
}
