package org.herald.store;

import org.herald.core.store.NodeRegistry;

/** The contract on a real PostgreSQL, a fresh database per test. */
class PostgresNodeRegistryTest extends PostgresStoreFixture implements NodeRegistryContract {
    @Override
    public NodeRegistry registry() {
        return new JdbcNodeRegistry(store);
    }
}
