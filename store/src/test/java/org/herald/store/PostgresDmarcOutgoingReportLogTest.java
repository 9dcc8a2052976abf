package org.herald.store;

import org.herald.core.store.DmarcOutgoingReportLog;

/** The contract on a real PostgreSQL, a fresh database per test. */
class PostgresDmarcOutgoingReportLogTest extends PostgresStoreFixture implements DmarcOutgoingReportLogContract {
    @Override
    public DmarcOutgoingReportLog log() {
        return new JdbcDmarcOutgoingReportLog(store);
    }
}
