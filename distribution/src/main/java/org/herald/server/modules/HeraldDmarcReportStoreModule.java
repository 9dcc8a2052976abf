package org.herald.server.modules;

import java.util.Optional;

import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.herald.core.store.DmarcReportStore;
import org.herald.server.dmarc.OpenSearchReportIndices;
import org.herald.store.HeraldDataSource;
import org.herald.store.JdbcDmarcReportStore;
import org.herald.store.opensearch.OpenSearchConfiguration;
import org.herald.store.opensearch.OpenSearchDmarcReportStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * Where the DMARC reports others send are kept ({@link DmarcReportStore}, for the IngestDmarcReports mailet and the
 * /dmarc routes): the OpenSearch cluster conf/opensearch.xml names, or else Herald's state store (conf/store.xml).
 * The choice is logged at start-up.
 */
public final class HeraldDmarcReportStoreModule {
    private static final Logger LOGGER = LoggerFactory.getLogger(HeraldDmarcReportStoreModule.class);

    private HeraldDmarcReportStoreModule() {
    }

    /** {@code openSearch} as parsed from conf/opensearch.xml: empty when the file names no cluster. */
    public static Module of(Optional<OpenSearchConfiguration> openSearch) {
        return openSearch.<Module>map(OpenSearchReports::new).orElseGet(StateStoreReports::new);
    }

    static final class StateStoreReports extends AbstractModule {
        @Provides
        @Singleton
        DmarcReportStore reports(HeraldDataSource store) {
            LOGGER.info("DMARC reports are kept in the state store ({}); conf/opensearch.xml names no OpenSearch cluster",
                store.configuration().describe());
            return new JdbcDmarcReportStore(store);
        }
    }

    static final class OpenSearchReports extends AbstractModule {
        private final OpenSearchConfiguration configuration;

        OpenSearchReports(OpenSearchConfiguration configuration) {
            this.configuration = configuration;
        }

        @Override
        protected void configure() {
            bind(OpenSearchReportIndices.class).in(Scopes.SINGLETON);
        }

        @Provides
        @Singleton
        OpenSearchDmarcReportStore openSearch() {
            LOGGER.info("DMARC reports are kept in the {} (conf/opensearch.xml)", configuration.describe());
            return new OpenSearchDmarcReportStore(configuration);
        }

        @Provides
        @Singleton
        DmarcReportStore reports(OpenSearchDmarcReportStore store) {
            return store;
        }

        @ProvidesIntoSet
        InitializationOperation prepareIndices(OpenSearchReportIndices indices) {
            return InitilizationOperationBuilder
                .forClass(OpenSearchReportIndices.class)
                .init(indices::start);
        }
    }
}
