package org.herald.store;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh embedded (H2) store per test, for the contract suites' embedded runs. */
abstract class EmbeddedStoreFixture {
    @TempDir
    Path dataDirectory;
    protected HeraldDataSource store;

    @BeforeEach
    void openStore() {
        store = HeraldDataSource.open(StoreConfiguration.Embedded.defaultIn(dataDirectory));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }
}
