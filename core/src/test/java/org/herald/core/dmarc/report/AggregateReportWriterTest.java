package org.herald.core.dmarc.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.herald.core.dmarc.AlignmentMode;
import org.herald.core.dmarc.DmarcPolicy;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

class AggregateReportWriterTest {
    private final AggregateReportWriter writer = new AggregateReportWriter();
    private final AggregateReportParser parser = new AggregateReportParser();

    @Test
    void writeThenParseGivesTheSameReport() {
        AggregateReport report = SampleReports.full();

        AggregateReport parsed = parser.parse(writer.utf8(report));

        assertThat(parsed).isEqualTo(report);
        assertThat(parsed.messageCount()).isEqualTo(1224);
    }

    @Test
    void gzippedOutputRoundTripsThroughAttachmentsAndParser() throws IOException {
        AggregateReport report = SampleReports.full();
        byte[] gzipped = writer.gzipped(report);

        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(writer.xml(report));
        }
        List<ReportDocument> documents = new ReportAttachments().documents(Optional.of("r.xml.gz"), gzipped);
        assertThat(documents).hasSize(1);
        assertThat(parser.parse(documents.get(0).xml())).isEqualTo(report);
    }

    @Test
    void outputValidatesAgainstTheRfc7489AppendixCSchema() throws SAXException {
        Schema schema = appendixC();

        assertThatCode(() -> schema.newValidator().validate(new StreamSource(new StringReader(
            writer.xml(SampleReports.full()))))).doesNotThrowAnyException();
    }

    @Test
    void aMinimalReportStillValidatesBecauseRequiredElementsGetTheirDefaults() throws SAXException {
        AggregateReport minimal = new AggregateReport(
            new ReportMetadata("herald.example", "", Optional.empty(), "r1",
                new DateRange(Instant.ofEpochSecond(0), Instant.ofEpochSecond(86400)), List.of()),
            new PolicyPublished("example.org", AlignmentMode.RELAXED, AlignmentMode.RELAXED, DmarcPolicy.REJECT,
                Optional.empty(), 100, Optional.empty(), Optional.empty()),
            List.of(new ReportRecord(
                new Row(SampleReports.ip("198.51.100.1"), 1,
                    new PolicyEvaluated(DmarcPolicy.REJECT, DmarcResult.FAIL, DmarcResult.FAIL, List.of())),
                new Identifiers(Optional.empty(), Optional.empty(), "example.org"),
                new AuthResults(List.of(), List.of(new SpfAuthResult("", Optional.of(SpfScope.HELO), SpfResult.NONE))))));
        String xml = writer.xml(minimal);

        assertThatCode(() -> appendixC().newValidator().validate(new StreamSource(new StringReader(xml))))
            .doesNotThrowAnyException();
        assertThat(xml).contains("<sp>reject</sp>", "<fo>0</fo>", "<envelope_from></envelope_from>");
        PolicyPublished reread = parser.parse(xml.getBytes(StandardCharsets.UTF_8)).policy();
        assertThat(reread.sp()).contains(DmarcPolicy.REJECT);
        assertThat(reread.effectiveSp()).isEqualTo(minimal.policy().effectiveSp());
    }

    @Test
    void elementsComeInTheSchemaOrderWithVersionFirst() {
        String xml = writer.xml(SampleReports.full());

        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feedback>\n  <version>1.0</version>\n");
        assertThat(xml.indexOf("<org_name>")).isLessThan(xml.indexOf("<email>"));
        assertThat(xml.indexOf("<email>")).isLessThan(xml.indexOf("<extra_contact_info>"));
        assertThat(xml.indexOf("<extra_contact_info>")).isLessThan(xml.indexOf("<report_id>"));
        assertThat(xml.indexOf("<report_id>")).isLessThan(xml.indexOf("<date_range>"));
        assertThat(xml.indexOf("<date_range>")).isLessThan(xml.indexOf("<error>"));
        assertThat(xml.indexOf("</report_metadata>")).isLessThan(xml.indexOf("<policy_published>"));
        assertThat(xml.indexOf("</policy_published>")).isLessThan(xml.indexOf("<record>"));
    }

    @Test
    void textIsEscapedAndCharactersXmlCannotCarryAreReplaced() {
        AggregateReport report = SampleReports.full();
        ReportMetadata hostile = new ReportMetadata("Evil <org> & \"co\"\u0001", report.metadata().email(),
            Optional.of("\uD83D\uDCE7 mail"), "id\u0000<x>", report.metadata().dateRange(), List.of());
        String xml = writer.xml(new AggregateReport(hostile, report.policy(), report.records()));

        assertThat(xml).contains("<org_name>Evil &lt;org&gt; &amp; &quot;co&quot;\uFFFD</org_name>",
            "<report_id>id\uFFFD&lt;x&gt;</report_id>", "<extra_contact_info>\uD83D\uDCE7 mail</extra_contact_info>");
        AggregateReport parsed = parser.parse(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.metadata().orgName()).isEqualTo("Evil <org> & \"co\"\uFFFD");
        assertThat(parsed.metadata().extraContactInfo()).contains("\uD83D\uDCE7 mail");
    }

    @Test
    void ipv6IsWrittenInTheFullFormTheSchemaPatternAccepts() {
        String xml = writer.xml(SampleReports.full());

        assertThat(xml).contains("<source_ip>2001:db8:0:0:0:0:0:8a</source_ip>");
    }

    @Test
    void fileNameFollowsRfc7489Section7211() {
        ReportFileName name = ReportFileName.of("Herald.Example.", "example.org",
            Instant.ofEpochSecond(1763856000L), Instant.ofEpochSecond(1763942399L));

        assertThat(name.gzipped()).isEqualTo("herald.example!example.org!1763856000!1763942399.xml.gz");
        assertThat(name.xml()).isEqualTo("herald.example!example.org!1763856000!1763942399.xml");
        assertThat(name).hasToString("herald.example!example.org!1763856000!1763942399.xml.gz");
    }

    @Test
    void subjectFollowsRfc7489Section7211() {
        assertThat(ReportSubject.of("example.org", "herald.example", "2026.11.23.1"))
            .isEqualTo("Report Domain: example.org Submitter: herald.example Report-ID: <2026.11.23.1>");
        assertThat(ReportSubject.of("example.org", "herald.example", "<already@bracketed>"))
            .endsWith("Report-ID: <already@bracketed>");
    }

    @Test
    void reportMailIsRecognisedByItsSubject() {
        assertThat(ReportSubject.isReport(ReportSubject.of("example.org", "herald.example", "1"))).isTrue();
        assertThat(ReportSubject.isReport(" report domain: example.org Submitter: google.com Report-ID: 123")).isTrue();
        assertThat(ReportSubject.isReport("Re: Report Domain: example.org")).as("a human's reply is mail like any other").isFalse();
        assertThat(ReportSubject.isReport("Quarterly report")).isFalse();
        assertThat(ReportSubject.isReport(null)).isFalse();
    }

    static Schema appendixC() throws SAXException {
        URL xsd = AggregateReportWriterTest.class.getResource("/dmarc/rfc7489-appendix-c.xsd");
        assertThat(xsd).as("the Appendix C schema on the test classpath").isNotNull();
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        return factory.newSchema(xsd);
    }
}
