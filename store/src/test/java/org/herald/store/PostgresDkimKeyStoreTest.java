package org.herald.store;

import org.herald.core.store.DkimKeyStore;

/** The contract on a real PostgreSQL, a fresh database per test. */
class PostgresDkimKeyStoreTest extends PostgresStoreFixture implements DkimKeyStoreContract {
    @Override
    public DkimKeyStore keys() {
        return new JdbcDkimKeyStore(store);
    }
}
