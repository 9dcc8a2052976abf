package org.herald.core.dmarc.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import org.herald.core.dmarc.AlignmentMode;
import org.herald.core.dmarc.DmarcPolicy;
import org.junit.jupiter.api.Test;

/**
 * Provider-shaped reports (written for these tests after the shapes real receivers send) go through the same path as
 * ingestion: attachment → documents → parser. See {@code src/test/resources/dmarc/samples/README.md}.
 */
class ProviderSamplesTest {
    private final ReportAttachments attachments = new ReportAttachments();
    private final AggregateReportParser parser = new AggregateReportParser();

    @Test
    void googleLikeGzippedReport() throws IOException {
        AggregateReport report = single("google.com!example.org!1700006400!1700092799.xml.gz");

        assertThat(report.metadata().orgName()).isEqualTo("google.com");
        assertThat(report.metadata().reportId()).isEqualTo("4390172849827489231");
        assertThat(report.metadata().dateRange().begin().getEpochSecond()).isEqualTo(1700006400L);
        assertThat(report.policy().p()).isEqualTo(DmarcPolicy.QUARANTINE);
        assertThat(report.policy().np()).contains(DmarcPolicy.REJECT);
        assertThat(report.records()).hasSize(3);
        assertThat(report.messageCount()).isEqualTo(1224);
        assertThat(report.records().get(1).row().sourceIp()).isEqualTo(SampleReports.ip("2001:db8:4860:0:0:0:0:8a"));
        assertThat(report.records().get(1).row().policyEvaluated().reasons())
            .extracting(PolicyOverrideReason::type).containsExactly(PolicyOverride.FORWARDED);
        assertThat(report.records().get(2).authResults().dkim()).isEmpty();
        assertThat(report.records().get(2).authResults().spf().get(0).result()).isEqualTo(SpfResult.SOFTFAIL);
    }

    @Test
    void outlookLikeReportWithSchemaNamespacesAndEnvelopeTo() throws IOException {
        AggregateReport report = single("enterprise.protection.outlook.com!example.org!1700006400!1700092800.xml");

        assertThat(report.metadata().orgName()).isEqualTo("Enterprise Outlook");
        assertThat(report.policy().fo()).contains("1");
        assertThat(report.records()).hasSize(2);
        assertThat(report.messageCount()).isEqualTo(47);
        assertThat(report.records()).extracting(r -> r.identifiers().envelopeTo().orElseThrow())
            .containsExactly("contoso.com", "fabrikam.com");
        assertThat(report.records().get(1).row().policyEvaluated().disposition()).isEqualTo(DmarcPolicy.QUARANTINE);
        assertThat(report.records().get(0).authResults().spf().get(0).scope()).contains(SpfScope.MFROM);
    }

    @Test
    void yahooLikeZippedReportWithSloppyCaseAndPadding() throws IOException {
        AggregateReport report = single("yahoo.com!example.org!1700006400!1700092799.zip");

        assertThat(report.metadata().orgName()).isEqualTo("Yahoo");
        assertThat(report.policy().sp()).isEmpty();
        assertThat(report.policy().fo()).isEmpty();
        assertThat(report.records()).singleElement().satisfies(record -> {
            assertThat(record.row().sourceIp()).isEqualTo(SampleReports.ip("192.0.2.25"));
            assertThat(record.row().count()).isEqualTo(311);
            assertThat(record.row().policyEvaluated().dkim()).isEqualTo(DmarcResult.PASS);
            assertThat(record.row().policyEvaluated().spf()).isEqualTo(DmarcResult.PASS);
            assertThat(record.authResults().dkim().get(0).domain()).isEqualTo("example.org");
            assertThat(record.authResults().dkim().get(0).humanResult()).isEmpty();
            assertThat(record.authResults().spf().get(0).scope()).isEmpty();
        });
    }

    @Test
    void dmarcbisNamespacedReport() throws IOException {
        AggregateReport report = single("receiver.example!example.org!1763856000!1763942399.xml");

        assertThat(report.metadata().errors()).containsExactly("DNS timeout on one lookup of _dmarc.sub.example.org");
        assertThat(report.metadata().extraContactInfo()).contains("https://receiver.example/dmarc");
        assertThat(report.policy().pct()).as("DMARCbis has no pct; its default").isEqualTo(100);
        assertThat(report.policy().adkim()).isEqualTo(AlignmentMode.STRICT);
        assertThat(report.policy().sp()).contains(DmarcPolicy.QUARANTINE);
        assertThat(report.policy().np()).contains(DmarcPolicy.REJECT);
        assertThat(report.records()).hasSize(3);
        assertThat(report.messageCount()).isEqualTo(91);
        assertThat(report.records().get(0).row().policyEvaluated().disposition())
            .as("DMARCbis 'pass' disposition").isEqualTo(DmarcPolicy.NONE);
        assertThat(report.records().get(0).authResults().dkim().get(0).humanResult()).contains("good signature");
        assertThat(report.records().get(1).row().policyEvaluated().reasons()).singleElement()
            .isEqualTo(new PolicyOverrideReason(PolicyOverride.LOCAL_POLICY, Optional.of("sender on local block list")));
        assertThat(report.records().get(1).authResults().spf()).isEmpty();
        assertThat(report.records().get(2).row().policyEvaluated().reasons()).extracting(PolicyOverrideReason::type)
            .containsExactly(PolicyOverride.POLICY_TEST_MODE);
        assertThat(report.records().get(2).authResults().spf().get(0).result()).isEqualTo(SpfResult.POLICY);
    }

    @Test
    void zipWithTwoReportsOneInWindows1252() throws IOException {
        List<ReportDocument> documents = attachments.documents(Optional.of("fournisseur.example-2026-11-23.zip"),
            bytes("fournisseur.example-2026-11-23.zip"));

        assertThat(documents).hasSize(2);
        List<AggregateReport> reports = documents.stream().map(d -> parser.parse(d.xml())).toList();
        assertThat(reports).extracting(r -> r.policy().domain()).containsExactly("example.org", "example.net");
        assertThat(reports).extracting(r -> r.metadata().orgName()).containsOnly("Fournisseur Mél");
        assertThat(reports).extracting(r -> r.records().size()).containsExactly(2, 1);
        assertThat(reports.get(0).policy().pct()).isEqualTo(50);
        assertThat(reports.get(0).records().get(1).authResults().dkim().get(0).result()).isEqualTo(DkimResult.TEMPERROR);
        assertThat(reports.get(1).records().get(0).identifiers().envelopeFrom()).contains("bounce.example.net");
    }

    @Test
    void rspamdReportAsItsDmarcReportCommandWroteIt() throws IOException {
        AggregateReport report = single("reporter.test!sender.test!1795392000!1795478400.xml.gz");

        assertThat(report.metadata().orgName()).isEqualTo("Herald test rspamd");
        assertThat(report.metadata().reportId()).as("rspamd: <domain>.<begin>.<end>").isEqualTo("sender.test.1795392000.1795478400");
        assertThat(report.metadata().dateRange().begin().getEpochSecond()).isEqualTo(1795392000L);
        assertThat(report.policy().p()).isEqualTo(DmarcPolicy.REJECT);
        assertThat(report.policy().sp()).as("rspamd writes sp even when the record has none").contains(DmarcPolicy.NONE);
        assertThat(report.records()).extracting(r -> r.row().sourceIp()).containsExactly(SampleReports.ip("198.51.100.7"),
            SampleReports.ip("192.0.2.10"), SampleReports.ip("203.0.113.66"));
        assertThat(report.records()).extracting(r -> r.row().count()).containsExactly(2L, 3L, 4L);
        assertThat(report.records()).extracting(r -> r.row().policyEvaluated().disposition())
            .containsExactly(DmarcPolicy.NONE, DmarcPolicy.NONE, DmarcPolicy.REJECT);
        assertThat(report.records().get(0).row().policyEvaluated().dkim()).isEqualTo(DmarcResult.PASS);
        assertThat(report.records().get(0).row().policyEvaluated().spf()).isEqualTo(DmarcResult.FAIL);
        assertThat(report.records().get(0).authResults().dkim()).singleElement().satisfies(dkim -> {
            assertThat(dkim.domain()).isEqualTo("sender.test");
            assertThat(dkim.selector()).as("rspamd reports no selector").isEmpty();
            assertThat(dkim.result()).isEqualTo(DkimResult.PASS);
        });
        assertThat(report.records().get(2).authResults().dkim()).as("rspamd leaves out <dkim> when there was no signature").isEmpty();
        assertThat(report.records().get(2).authResults().spf()).singleElement().satisfies(spf -> {
            assertThat(spf.scope()).isEmpty();
            assertThat(spf.result()).isEqualTo(SpfResult.FAIL);
        });
    }

    @Test
    void everySampleRewrittenByHeraldValidatesAndRoundTrips() throws Exception {
        AggregateReportWriter writer = new AggregateReportWriter();
        for (String sample : List.of("google.com!example.org!1700006400!1700092799.xml.gz",
            "enterprise.protection.outlook.com!example.org!1700006400!1700092800.xml",
            "reporter.test!sender.test!1795392000!1795478400.xml.gz")) {
            AggregateReport report = single(sample);
            AggregateReport again = parser.parse(writer.utf8(report));

            assertThat(again.records()).as(sample).isEqualTo(report.records());
            assertThat(again.metadata()).as(sample).isEqualTo(report.metadata());
            assertThat(again.policy().effectiveSp()).isEqualTo(report.policy().effectiveSp());
        }
        String outlook = writer.xml(single("enterprise.protection.outlook.com!example.org!1700006400!1700092800.xml"));
        AggregateReportWriterTest.appendixC().newValidator()
            .validate(new javax.xml.transform.stream.StreamSource(new java.io.StringReader(outlook)));
    }

    private AggregateReport single(String sample) throws IOException {
        List<ReportDocument> documents = attachments.documents(Optional.of(sample), bytes(sample));
        assertThat(documents).as(sample).hasSize(1);
        return parser.parse(documents.get(0).xml());
    }

    private static byte[] bytes(String sample) throws IOException {
        try (InputStream in = ProviderSamplesTest.class.getResourceAsStream("/dmarc/samples/" + sample)) {
            assertThat(in).as("sample " + sample).isNotNull();
            return in.readAllBytes();
        }
    }
}
