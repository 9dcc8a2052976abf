package org.herald.server.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.james.utils.InitializationOperation;
import org.herald.core.store.DmarcReportStore;
import org.herald.server.dmarc.OpenSearchReportIndices;
import org.herald.store.HeraldDataSource;
import org.herald.store.JdbcDmarcReportStore;
import org.herald.store.StoreConfiguration;
import org.herald.store.opensearch.OpenSearchConfiguration;
import org.herald.store.opensearch.OpenSearchDmarcReportStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

class HeraldDmarcReportStoreModuleTest {
    @TempDir
    Path data;
    private HeraldDataSource stateStore;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void open() {
        stateStore = HeraldDataSource.open(StoreConfiguration.Embedded.defaultIn(data));
        log.start();
        logger(HeraldDmarcReportStoreModule.class).addAppender(log);
        logger(OpenSearchReportIndices.class).addAppender(log);
    }

    @AfterEach
    void close() {
        logger(HeraldDmarcReportStoreModule.class).detachAppender(log);
        logger(OpenSearchReportIndices.class).detachAppender(log);
        stateStore.close();
    }

    private static Logger logger(Class<?> type) {
        return (Logger) LoggerFactory.getLogger(type);
    }

    private Injector injector(Optional<OpenSearchConfiguration> openSearch) {
        return Guice.createInjector(HeraldDmarcReportStoreModule.of(openSearch),
            binder -> binder.bind(HeraldDataSource.class).toInstance(stateStore));
    }

    private List<String> messages() {
        return log.list.stream().map(event -> event.getLevel() + " " + event.getFormattedMessage()).toList();
    }

    @Test
    void withoutAClusterTheReportsStayInTheStateStore() {
        DmarcReportStore reports = injector(Optional.empty()).getInstance(DmarcReportStore.class);

        assertThat(reports).isInstanceOf(JdbcDmarcReportStore.class);
        assertThat(messages()).containsExactly("INFO DMARC reports are kept in the state store (embedded store in "
            + data.resolve("store").toAbsolutePath() + "); conf/opensearch.xml names no OpenSearch cluster");
    }

    @Test
    void aNamedClusterKeepsThemAndAnUnreachableOneOnlyWarnsAtStartUp() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + closedPort);
        Injector injector = injector(Optional.of(OpenSearchConfiguration.of(url).withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1))));

        DmarcReportStore reports = injector.getInstance(DmarcReportStore.class);
        Set<InitializationOperation> startUp = injector.getInstance(Key.get(new TypeLiteral<Set<InitializationOperation>>() { }));
        for (InitializationOperation operation : startUp) {
            operation.initModule();
        }

        assertThat(reports).isInstanceOf(OpenSearchDmarcReportStore.class).isSameAs(injector.getInstance(OpenSearchDmarcReportStore.class));
        assertThat(messages()).hasSize(2);
        assertThat(messages().get(0)).isEqualTo("INFO DMARC reports are kept in the OpenSearch cluster at " + url
            + " (indices herald-dmarc-reports, herald-dmarc-records) (conf/opensearch.xml)");
        assertThat(messages().get(1)).startsWith("WARN DMARC reports: Cannot put the index template herald-dmarc-reports: the OpenSearch "
            + "cluster at " + url + " did not answer").contains("Herald starts anyway");
        injector.getInstance(OpenSearchReportIndices.class).close();
    }
}
