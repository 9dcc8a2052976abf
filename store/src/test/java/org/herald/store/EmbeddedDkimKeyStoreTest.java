package org.herald.store;

import org.herald.core.store.DkimKeyStore;

class EmbeddedDkimKeyStoreTest extends EmbeddedStoreFixture implements DkimKeyStoreContract {
    @Override
    public DkimKeyStore keys() {
        return new JdbcDkimKeyStore(store);
    }
}
