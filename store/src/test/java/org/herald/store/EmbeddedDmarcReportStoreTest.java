package org.herald.store;

import java.nio.file.Path;

import org.herald.core.store.DmarcReportStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDmarcReportStoreTest implements DmarcReportStoreContract {
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
    public DmarcReportStore reports() {
        return new JdbcDmarcReportStore(store);
    }
}
