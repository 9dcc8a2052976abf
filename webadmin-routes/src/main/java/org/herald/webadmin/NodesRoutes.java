package org.herald.webadmin;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.herald.core.node.HeraldNode;
import org.herald.core.store.NodeRegistry;

import spark.Service;

/**
 * {@code GET /nodes}: the Herald nodes that have started against this state store (several when they share a
 * PostgreSQL store), with when each first and last started.
 */
public class NodesRoutes implements Routes {
    public static final String BASE_PATH = "/nodes";

    private final NodeRegistry registry;
    private final JsonTransformer jsonTransformer;

    @Inject
    public NodesRoutes(NodeRegistry registry, JsonTransformer jsonTransformer) {
        this.registry = registry;
        this.jsonTransformer = jsonTransformer;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, (request, response) -> nodes(), jsonTransformer);
    }

    private List<NodeDto> nodes() {
        return registry.all().stream().map(NodeDto::from).toList();
    }

    /** The JSON shape of a node; instants as ISO-8601 text. */
    public record NodeDto(String nodeId, String hostname, String version, String firstStarted, String lastStarted) {
        static NodeDto from(HeraldNode node) {
            return new NodeDto(node.nodeId(), node.hostname(), node.version(),
                node.firstStarted().toString(), node.lastStarted().toString());
        }
    }
}
