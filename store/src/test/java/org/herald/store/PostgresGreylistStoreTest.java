package org.herald.store;

import org.herald.core.store.AutoWhitelistStore;
import org.herald.core.store.GreylistTripletStore;
import org.herald.core.store.GreylistWhitelistStore;

/** The contract on a real PostgreSQL, a fresh database per test. */
class PostgresGreylistStoreTest extends PostgresStoreFixture implements GreylistStoreContract {
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
