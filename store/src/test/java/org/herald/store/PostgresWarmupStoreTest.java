package org.herald.store;

import org.herald.core.store.WarmupCounterStore;
import org.herald.core.store.WarmupDeliveryLog;
import org.herald.core.store.WarmupStateStore;

/** The contract on a real PostgreSQL, a fresh database per test. */
class PostgresWarmupStoreTest extends PostgresStoreFixture implements WarmupStoreContract {
    @Override
    public WarmupStateStore states() {
        return new JdbcWarmupStateStore(store);
    }

    @Override
    public WarmupCounterStore counters() {
        return new JdbcWarmupCounterStore(store);
    }

    @Override
    public WarmupDeliveryLog deliveries() {
        return new JdbcWarmupDeliveryLog(store);
    }
}
