package org.herald.store;

import org.herald.core.store.WarmupCounterStore;
import org.herald.core.store.WarmupDeliveryLog;
import org.herald.core.store.WarmupStateStore;

class EmbeddedWarmupStoreTest extends EmbeddedStoreFixture implements WarmupStoreContract {
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
