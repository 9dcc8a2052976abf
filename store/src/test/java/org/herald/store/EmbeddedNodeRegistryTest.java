package org.herald.store;

import java.nio.file.Path;

import org.herald.core.store.NodeRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedNodeRegistryTest implements NodeRegistryContract {
    @TempDir
    Path dataDirectory;
    private HeraldDataSource store;
    private NodeRegistry registry;

    @BeforeEach
    void open() {
        store = HeraldDataSource.open(StoreConfiguration.Embedded.defaultIn(dataDirectory));
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
