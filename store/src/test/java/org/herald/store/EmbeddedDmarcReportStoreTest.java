package org.herald.store;

import org.herald.core.store.DmarcReportStore;

class EmbeddedDmarcReportStoreTest extends EmbeddedStoreFixture implements DmarcReportStoreContract {
    @Override
    public DmarcReportStore reports() {
        return new JdbcDmarcReportStore(store);
    }
}
