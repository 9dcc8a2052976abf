package org.herald.server.dmarc;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.lifecycle.api.Startable;
import org.herald.store.opensearch.OpenSearchDmarcReportStore;
import org.herald.store.opensearch.OpenSearchStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenSearch side of the DMARC report store at start-up and shutdown: prepares the indices, closes the client.
 * A cluster that cannot be reached at start does not stop Herald (mail flow never depends on it): the store prepares
 * the indices on first use, and reports that arrive meanwhile are kept in var/mail/dmarc-rejected.
 */
public final class OpenSearchReportIndices implements Startable {
    private static final Logger LOGGER = LoggerFactory.getLogger(OpenSearchReportIndices.class);
    private final OpenSearchDmarcReportStore store;

    @Inject
    public OpenSearchReportIndices(OpenSearchDmarcReportStore store) {
        this.store = store;
    }

    public void start() {
        try {
            store.prepareIndices();
        } catch (OpenSearchStoreException e) {
            LOGGER.warn("DMARC reports: {}. Herald starts anyway; until the cluster answers, received reports are kept in "
                + "var/mail/dmarc-rejected and /dmarc answers with an error", e.getMessage());
        }
    }

    @PreDestroy
    public void close() {
        store.close();
    }
}
