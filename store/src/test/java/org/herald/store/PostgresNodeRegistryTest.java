package org.herald.store;

import org.herald.core.config.Secret;
import org.herald.core.store.NodeRegistry;
import org.herald.testpeers.PostgresExtension;
import org.herald.testpeers.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract on a real PostgreSQL (skipped only when PostgreSQL is not installed), a fresh database per test. */
@ExtendWith(PostgresExtension.class)
class PostgresNodeRegistryTest implements NodeRegistryContract {
    private HeraldDataSource store;
    private NodeRegistry registry;

    @BeforeEach
    void open(PostgresServer server) {
        PostgresServer.Database database = server.createDatabase();
        store = HeraldDataSource.open(new StoreConfiguration.Postgres(
            database.jdbcUrl(), database.user(), Secret.of(database.password()), 10));
        registry = new JdbcNodeRegistry(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    public NodeRegistry registry() {
        return registry;
    }
}
