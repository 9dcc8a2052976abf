package org.herald.store;

import org.herald.core.store.NodeRegistry;

class EmbeddedNodeRegistryTest extends EmbeddedStoreFixture implements NodeRegistryContract {
    @Override
    public NodeRegistry registry() {
        return new JdbcNodeRegistry(store);
    }
}
