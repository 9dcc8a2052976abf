package org.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.herald.core.dmarc.ingest.StoredReport;
import org.herald.core.dmarc.report.AggregateReport;
import org.herald.core.dmarc.report.AggregateReportBuilder;
import org.herald.core.dmarc.report.AggregateReportWriter;
import org.herald.it.harness.HeraldProcess;
import org.herald.it.harness.RawMail;
import org.herald.server.HeraldServerMain;
import org.herald.testpeers.OpenSearchExtension;
import org.herald.testpeers.OpenSearchNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * With conf/opensearch.xml naming a real OpenSearch node, a report mailed to dmarc-reports@ lands there (a document
 * for the report, one per record), once however often it is sent, and WebAdmin's /dmarc routes read it back.
 */
@ExtendWith(OpenSearchExtension.class)
class OpenSearchReportStoreIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPORTS = "dmarc-reports@herald.test";
    private static final String PREFIX = "herald-it";

    @TempDir
    Path work;

    @Test
    void aMailedReportIsStoredInOpenSearchAndReadBackOverWebAdmin(OpenSearchNode node) throws Exception {
        String openSearchXml = "<opensearch indexPrefix=\"" + PREFIX + "\" replicas=\"0\" connectTimeout=\"2s\" socketTimeout=\"10s\">"
            + "<host url=\"" + node.httpUrl() + "\"/></opensearch>";
        try (HeraldProcess herald = HeraldProcess.builder(work).editConf("opensearch.xml", shipped -> openSearchXml).start()) {
            assertThat(herald.log()).contains("DMARC reports are kept in the OpenSearch cluster at " + node.httpUrl());
            herald.addUser("carol@herald.test", "a-password-for-carol");
            Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS);
            AggregateReport report = new AggregateReportBuilder("google.com", "noreply-dmarc-support@google.com")
                .build(List.of(DmarcReportIngestionIntegrationTest.row(day, "192.0.2.1", true, 10),
                    DmarcReportIngestionIntegrationTest.row(day, "203.0.113.9", false, 3)), day, day.plus(Duration.ofDays(1)), "17000000042");
            byte[] mail = DmarcReportIngestionIntegrationTest.mailWithAttachment("noreply-dmarc-support@google.com",
                "Report Domain: herald.test", "google.com!herald.test!report.xml.gz", new AggregateReportWriter().gzipped(report),
                "application/gzip");

            assertThat(RawMail.send(herald.mxPort(), "noreply-dmarc-support@google.com", List.of(REPORTS), mail)).startsWith("250");
            assertThat(RawMail.send(herald.mxPort(), "noreply-dmarc-support@google.com", List.of(REPORTS), mail)).as("resent").startsWith("250");

            try {
                Awaitility.await("the report and its copy ingested").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(herald.metric("herald_dmarc_reports_ingested_total")).isEqualTo(1);
                    assertThat(herald.metric("herald_dmarc_reports_duplicate_total")).isEqualTo(1);
                });
            } catch (ConditionTimeoutException e) {
                throw new AssertionError(e.getMessage() + "\nHerald's log:\n" + herald.log(), e);
            }
            JsonNode summary = json(herald, "/dmarc/domains/herald.test/summary");
            assertThat(summary.get("reports").asLong()).isEqualTo(1);
            assertThat(summary.get("messages").asLong()).isEqualTo(13);
            assertThat(summary.get("dmarcPass").asLong()).isEqualTo(10);
            assertThat(summary.get("byReporter").get(0).get("key").asText()).isEqualTo("google.com");
            assertThat(summary.get("byDay").get(0).get("key").asText()).isEqualTo(day.toString().substring(0, 10));
            assertThat(json(herald, "/dmarc/domains/herald.test/sources").get(1).get("rejected").asLong()).isEqualTo(3);
            String id = StoredReport.idOf(report);
            JsonNode stored = json(herald, "/dmarc/reports/" + id);
            assertThat(stored.get("id").asText()).isEqualTo(id);
            assertThat(stored.get("receivedFrom").asText()).isEqualTo("noreply-dmarc-support@google.com");
            assertThat(stored.toString()).contains("\"reportId\":\"17000000042\"", "\"orgName\":\"google.com\"", "203.0.113.9");

            JsonNode document = nodeJson(node, "/" + PREFIX + "-reports/_doc/" + id);
            assertThat(document.get("found").asBoolean()).isTrue();
            assertThat(document.get("_source").get("report_id").asText()).isEqualTo("17000000042");
            assertThat(document.get("_source").get("received_from").asText()).isEqualTo("noreply-dmarc-support@google.com");
            assertThat(nodeJson(node, "/" + PREFIX + "-records/_count?q=report:" + id).get("count").asLong()).isEqualTo(2);
            assertThat(nodeJson(node, "/" + PREFIX + "-reports/_count").get("count").asLong()).as("the copy not stored").isEqualTo(1);
            assertThat(MailFlowIntegrationTest.mailKeys(herald.get("/mailRepositories/var%2Fmail%2Fdmarc-rejected/mails").body()))
                .isEmpty();
        }
    }

    @Test
    void aMistakeInOpensearchXmlStopsStartUpNamingTheFix() {
        HeraldProcess herald = HeraldProcess.builder(work)
            .editConf("opensearch.xml", shipped -> "<opensearch><host url=\"search.example.net:9200\"/></opensearch>")
            .prepare();

        assertThat(herald.startExpectingExit(Duration.ofSeconds(60))).isEqualTo(HeraldServerMain.EXIT_BAD_CONFIGURATION);
        assertThat(herald.log()).contains("Herald cannot start: conf/opensearch.xml: <host>: url \"search.example.net:9200\" is "
            + "not an http or https URL — fix: write it as http://host:port or https://host:port");
    }

    private static JsonNode json(HeraldProcess herald, String path) throws Exception {
        var response = herald.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode nodeJson(OpenSearchNode node, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(node.httpUrl() + path)).timeout(Duration.ofSeconds(30)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
