package org.herald.store;

import org.herald.core.store.DmarcOutgoingReportLog;

class EmbeddedDmarcOutgoingReportLogTest extends EmbeddedStoreFixture implements DmarcOutgoingReportLogContract {
    @Override
    public DmarcOutgoingReportLog log() {
        return new JdbcDmarcOutgoingReportLog(store);
    }
}
