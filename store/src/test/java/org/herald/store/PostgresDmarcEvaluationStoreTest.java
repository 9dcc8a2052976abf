package org.herald.store;

import org.herald.core.store.DmarcEvaluationStore;

/** The contract on a real PostgreSQL, a fresh database per test. */
class PostgresDmarcEvaluationStoreTest extends PostgresStoreFixture implements DmarcEvaluationStoreContract {
    @Override
    public DmarcEvaluationStore rows() {
        return new JdbcDmarcEvaluationStore(store);
    }
}
