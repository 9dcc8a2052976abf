package org.herald.testpeers;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link PostgresServer} per test JVM, shared by every test class that uses this extension and stopped when the
 * test run ends. Injects the server into constructors, lifecycle and test methods taking a {@link PostgresServer}.
 *
 * <p>When the PostgreSQL binaries are not installed the tests are skipped, naming the package to install; when they
 * are installed but the server fails to start, the tests fail.
 */
public final class PostgresExtension implements BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);

    /** Per test rather than per class, so that a skip is reported on every test, with its reason. */
    @Override
    public void beforeEach(ExtensionContext context) {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == PostgresServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return server(extensionContext);
    }

    /** The shared server, started on first use. */
    public static PostgresServer server(ExtensionContext context) {
        if (!PostgresServer.binariesAvailable()) {
            Assumptions.abort(PostgresServer.INSTALL_HINT);
        }
        return context.getRoot().getStore(NAMESPACE)
            .getOrComputeIfAbsent(SharedServer.class, key -> new SharedServer(PostgresServer.start()), SharedServer.class)
            .server();
    }

    private record SharedServer(PostgresServer server) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            server.close();
        }
    }
}
