package org.herald.store;

import java.nio.file.Path;

import org.herald.core.store.AutoWhitelistStore;
import org.herald.core.store.GreylistTripletStore;
import org.herald.core.store.GreylistWhitelistStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedGreylistStoreTest implements GreylistStoreContract {
    @TempDir
    Path dataDirectory;
    private HeraldDataSource store;

    @BeforeEach
    void open() {
        store = HeraldDataSource.open(StoreConfiguration.Embedded.defaultIn(dataDirectory));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    public GreylistTripletStore triplets() {
        return new JdbcGreylistTripletStore(store);
    }

    @Override
    public GreylistWhitelistStore whitelist() {
        return new JdbcGreylistWhitelistStore(store);
    }

    @Override
    public AutoWhitelistStore autoWhitelist() {
        return new JdbcAutoWhitelistStore(store);
    }
}
