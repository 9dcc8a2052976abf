package org.herald.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.herald.core.dmarc.report.AggregateReport;
import org.herald.core.store.DmarcReportStore;
import org.herald.store.DmarcReportStoreContract;
import org.herald.testpeers.OpenSearchExtension;
import org.herald.testpeers.OpenSearchNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The contract on a real OpenSearch 2.19 node (one per test JVM, skipped only when its jars are not built), fresh
 * indices per test; and what only this backend has: the documents themselves, saves interrupted half-way.
 */
@ExtendWith(OpenSearchExtension.class)
class OpenSearchDmarcReportStoreTest implements DmarcReportStoreContract {
    private static final AtomicInteger TESTS = new AtomicInteger();

    private OpenSearchConfiguration configuration;
    private OpenSearchDmarcReportStore store;
    private NodeRequests node;

    @BeforeEach
    void openStore(OpenSearchNode openSearch) {
        configuration = OpenSearchConfiguration.of(URI.create(openSearch.httpUrl()))
            .withIndexPrefix("herald-contract-" + TESTS.incrementAndGet());
        store = new OpenSearchDmarcReportStore(configuration);
        node = new NodeRequests(openSearch);
    }

    @AfterEach
    void closeStore() {
        store.close();
        node.deleteStore(configuration);
    }

    @Override
    public DmarcReportStore reports() {
        return store;
    }

    @Test
    void aReportIsOneDocumentAndEachOfItsRecordsAnother() {
        String id = store.save(DmarcReportStoreContract.report("google.com", "r1", DAY, 3), "a@google.com", RECEIVED).orElseThrow();

        assertThat(node.count(configuration.reportsIndex())).isEqualTo(1);
        assertThat(node.count(configuration.recordsIndex())).isEqualTo(2);
        JsonNode report = node.get("/" + configuration.reportsIndex() + "/_doc/" + id).get("_source");
        assertThat(report.get("org_name").asText()).isEqualTo("google.com");
        assertThat(report.get("policy_domain").asText()).isEqualTo("example.com");
        assertThat(report.get("messages").asLong()).isEqualTo(13);
        assertThat(report.get("records_indexed").asBoolean()).isTrue();
        assertThat(report.get("report_xml").asText()).startsWith("<?xml").contains("<report_id>r1</report_id>");
        JsonNode spoofed = node.get("/" + configuration.recordsIndex() + "/_doc/" + id + "-1").get("_source");
        assertThat(spoofed.get("source_ip").asText()).isEqualTo("203.0.113.9");
        assertThat(spoofed.get("count").asLong()).isEqualTo(3);
        assertThat(spoofed.get("dmarc_pass").asBoolean()).isFalse();
        assertThat(spoofed.get("begin").asText()).isEqualTo(DAY.toString());
    }

    @Test
    void theIndicesHaveOneShardAStrictMappingAndAReplicaOnlyWhenTheClusterCanPlaceIt() {
        store.prepareIndices();

        JsonNode settings = node.get("/" + configuration.recordsIndex() + "/_settings").get(configuration.recordsIndex())
            .get("settings").get("index");
        assertThat(settings.get("number_of_shards").asText()).isEqualTo("1");
        assertThat(settings.get("auto_expand_replicas").asText()).isEqualTo("0-1");
        assertThat(node.get("/_cluster/health/" + configuration.recordsIndex()).get("status").asText()).isEqualTo("green");
        JsonNode mapping = node.get("/" + configuration.reportsIndex() + "/_mapping").get(configuration.reportsIndex()).get("mappings");
        assertThat(mapping.get("dynamic").asText()).isEqualTo("strict");
        assertThat(node.get("/_index_template/" + configuration.recordsIndex()).get("index_templates")).hasSize(1);
    }

    @Test
    void preparingTheIndicesAgainKeepsWhatIsStored() {
        String id = store.save(DmarcReportStoreContract.report("google.com", "r1", DAY, 3), "a@google.com", RECEIVED).orElseThrow();

        try (OpenSearchDmarcReportStore restarted = new OpenSearchDmarcReportStore(configuration)) {
            restarted.prepareIndices();

            assertThat(restarted.find(id)).isPresent();
            assertThat(restarted.summary("example.com", DAY, NEXT_DAY).messages()).isEqualTo(13);
        }
    }

    @Test
    void aSaveInterruptedBeforeItsRecordsIsFinishedByTheNextSummary() {
        String id = store.save(DmarcReportStoreContract.report("google.com", "r1", DAY, 3), "a@google.com", RECEIVED).orElseThrow();
        interruptAfterTheReportDocument(id);
        assertThat(node.count(configuration.recordsIndex())).isZero();

        assertThat(store.summary("example.com", DAY, NEXT_DAY).messages()).isEqualTo(13);
        assertThat(store.sources("example.com", DAY, NEXT_DAY, 10)).hasSize(2);
        assertThat(node.count(configuration.recordsIndex())).isEqualTo(2);
    }

    @Test
    void aSaveInterruptedBeforeItsRecordsIsFinishedByTheReportsNextDelivery() {
        AggregateReport report = DmarcReportStoreContract.report("google.com", "r1", DAY, 3);
        String id = store.save(report, "a@google.com", RECEIVED).orElseThrow();
        interruptAfterTheReportDocument(id);

        assertThat(store.save(report, "a@google.com", RECEIVED)).as("still a duplicate").isEmpty();

        assertThat(node.count(configuration.recordsIndex())).isEqualTo(2);
        assertThat(node.get("/" + configuration.reportsIndex() + "/_doc/" + id).get("_source").get("records_indexed").asBoolean()).isTrue();
    }

    @Test
    void concurrentDeliveriesOfAnInterruptedReportFinishItTogether() throws Exception {
        AggregateReport report = DmarcReportStoreContract.report("google.com", "r1", DAY, 3);
        String id = store.save(report, "a@google.com", RECEIVED).orElseThrow();
        interruptAfterTheReportDocument(id);
        ExecutorService reporters = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<String>>> saves = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Optional<String>> save = () -> store.save(report, "a@google.com", RECEIVED);
                saves.add(reporters.submit(save));
            }
            for (Future<Optional<String>> save : saves) {
                assertThat(save.get()).as("a duplicate, and no failure").isEmpty();
            }
        } finally {
            reporters.shutdown();
        }

        assertThat(node.count(configuration.recordsIndex())).isEqualTo(2);
        assertThat(store.summary("example.com", DAY, NEXT_DAY).messages()).isEqualTo(13);
    }

    @Test
    void theTimeOfReceiptIsReadBackToTheNanosecond() {
        Instant receivedAt = Instant.parse("2026-11-25T03:04:05.123456789Z");
        String id = store.save(DmarcReportStoreContract.report("google.com", "r1", DAY, 3), "a@google.com", receivedAt).orElseThrow();

        assertThat(store.find(id).orElseThrow().receivedAt()).isEqualTo(receivedAt);
        assertThat(store.find("not-an-id")).isEmpty();
    }

    /** What Herald leaves when it dies between the report document and its records: records gone, flag down. */
    private void interruptAfterTheReportDocument(String id) {
        node.post("/" + configuration.recordsIndex() + "/_delete_by_query?refresh=true", "{\"query\": {\"term\": {\"report\": \"" + id + "\"}}}");
        node.post("/" + configuration.reportsIndex() + "/_update/" + id + "?refresh=true", "{\"doc\": {\"records_indexed\": false}}");
    }
}
