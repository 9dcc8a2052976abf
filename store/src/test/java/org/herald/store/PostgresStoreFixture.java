package org.herald.store;

import org.herald.core.config.Secret;
import org.herald.testpeers.PostgresExtension;
import org.herald.testpeers.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A fresh database per test on a real PostgreSQL (one server per test JVM, skipped only when PostgreSQL is not
 * installed), for the contract suites' PostgreSQL runs.
 */
@ExtendWith(PostgresExtension.class)
abstract class PostgresStoreFixture {
    protected HeraldDataSource store;

    @BeforeEach
    void openStore(PostgresServer server) {
        PostgresServer.Database database = server.createDatabase();
        // A pool large enough that the concurrency tests really race in the database, not for connections.
        store = HeraldDataSource.open(new StoreConfiguration.Postgres(
            database.jdbcUrl(), database.user(), Secret.of(database.password()), 10));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }
}
