package org.herald.store;

import org.herald.core.store.DmarcEvaluationStore;

class EmbeddedDmarcEvaluationStoreTest extends EmbeddedStoreFixture implements DmarcEvaluationStoreContract {
    @Override
    public DmarcEvaluationStore rows() {
        return new JdbcDmarcEvaluationStore(store);
    }
}
