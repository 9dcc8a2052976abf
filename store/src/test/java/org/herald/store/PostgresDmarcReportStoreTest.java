package org.herald.store;

import org.herald.core.config.Secret;
import org.herald.core.store.DmarcReportStore;
import org.herald.testpeers.PostgresExtension;
import org.herald.testpeers.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract on a real PostgreSQL (skipped only when PostgreSQL is not installed), a fresh database per test. */
@ExtendWith(PostgresExtension.class)
class PostgresDmarcReportStoreTest implements DmarcReportStoreContract {
    private HeraldDataSource store;

    @BeforeEach
    void open(PostgresServer server) {
        PostgresServer.Database database = server.createDatabase();
        store = HeraldDataSource.open(new StoreConfiguration.Postgres(
            database.jdbcUrl(), database.user(), Secret.of(database.password()), 10));
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
