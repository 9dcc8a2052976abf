package org.herald.store;

import org.herald.core.config.Secret;
import org.herald.core.store.AutoWhitelistStore;
import org.herald.core.store.GreylistTripletStore;
import org.herald.core.store.GreylistWhitelistStore;
import org.herald.testpeers.PostgresExtension;
import org.herald.testpeers.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract on a real PostgreSQL (skipped only when PostgreSQL is not installed), a fresh database per test. */
@ExtendWith(PostgresExtension.class)
class PostgresGreylistStoreTest implements GreylistStoreContract {
    private HeraldDataSource store;

    @BeforeEach
    void open(PostgresServer server) {
        PostgresServer.Database database = server.createDatabase();
        // A pool large enough that the concurrency tests really race in the database, not for connections.
        store = HeraldDataSource.open(new StoreConfiguration.Postgres(
            database.jdbcUrl(), database.user(), Secret.of(database.password()), 10));
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
