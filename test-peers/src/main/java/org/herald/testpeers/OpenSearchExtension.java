package org.herald.testpeers;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link OpenSearchNode} per test JVM, shared by every test class that uses this extension (give each test its
 * own indices) and stopped when the test run ends. Injects the node into constructors, lifecycle and test methods
 * taking an {@link OpenSearchNode}.
 *
 * <p>When the node's jars have not been built the tests are skipped with the command that builds them; a node that
 * is built but does not start fails them, once, with its log (the failure is remembered, not retried per test).
 */
public final class OpenSearchExtension implements BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(OpenSearchExtension.class);

    /** Per test rather than per class, so that a skip is reported on every test, with its reason. */
    @Override
    public void beforeEach(ExtensionContext context) {
        node(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == OpenSearchNode.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return node(extensionContext);
    }

    /** The shared node, started on first use. */
    public static OpenSearchNode node(ExtensionContext context) {
        SharedNode shared = context.getRoot().getStore(NAMESPACE)
            .getOrComputeIfAbsent(SharedNode.class, key -> SharedNode.start(), SharedNode.class);
        if (shared.unavailable() != null) {
            Assumptions.abort(shared.unavailable().getMessage());
        }
        if (shared.failure() != null) {
            throw new IllegalStateException("The shared OpenSearch test node did not start", shared.failure());
        }
        return shared.node();
    }

    private record SharedNode(OpenSearchNode node, PeerUnavailableException unavailable, RuntimeException failure)
        implements ExtensionContext.Store.CloseableResource {

        static SharedNode start() {
            try {
                return new SharedNode(OpenSearchNode.start(), null, null);
            } catch (PeerUnavailableException e) {
                return new SharedNode(null, e, null);
            } catch (RuntimeException e) {
                return new SharedNode(null, null, e);
            }
        }

        @Override
        public void close() {
            if (node != null) {
                node.close();
            }
        }
    }
}
