package org.herald.store;

import org.herald.core.store.DmarcReportStore;

/** The contract on a real PostgreSQL, a fresh database per test. */
class PostgresDmarcReportStoreTest extends PostgresStoreFixture implements DmarcReportStoreContract {
    @Override
    public DmarcReportStore reports() {
        return new JdbcDmarcReportStore(store);
    }
}
