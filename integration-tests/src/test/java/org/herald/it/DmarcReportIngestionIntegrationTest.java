package org.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.activation.DataHandler;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.util.ByteArrayDataSource;

import org.awaitility.Awaitility;
import org.herald.core.dkim.DkimResult;
import org.herald.core.dmarc.AlignmentMode;
import org.herald.core.dmarc.DmarcEvaluationRow;
import org.herald.core.dmarc.DmarcPolicy;
import org.herald.core.dmarc.DmarcPublishedPolicy;
import org.herald.core.dmarc.DmarcReportUri;
import org.herald.core.dmarc.report.AggregateReport;
import org.herald.core.dmarc.report.AggregateReportBuilder;
import org.herald.core.dmarc.report.AggregateReportWriter;
import org.herald.core.dmarc.report.ReportFileName;
import org.herald.core.spf.SpfResult;
import org.herald.it.harness.HeraldProcess;
import org.herald.it.harness.RawMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Aggregate reports mailed to dmarc-reports@ a local domain are stored once and summarised over WebAdmin; mail without
 * a usable report (HTML, a zip bomb) is kept in the dmarc-rejected repository with the reason, never lost or bounced.
 */
class DmarcReportIngestionIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPORTS = "dmarc-reports@herald.test";

    @TempDir
    Path work;

    static DmarcEvaluationRow row(Instant day, String ip, boolean pass, long count) {
        DmarcPublishedPolicy policy = new DmarcPublishedPolicy("herald.test", AlignmentMode.RELAXED, AlignmentMode.RELAXED,
            DmarcPolicy.REJECT, Optional.empty(), Optional.empty(), 100, "0",
            List.of(new DmarcReportUri(URI.create("mailto:" + REPORTS), Optional.empty())));
        return new DmarcEvaluationRow(day, ip, "herald.test", pass ? "herald.test" : "spoofer.example", Optional.empty(), policy,
            pass ? DmarcPolicy.NONE : DmarcPolicy.REJECT, pass, pass, List.of(),
            List.of(new DmarcEvaluationRow.DkimAuth("herald.test", "h202611e", pass ? DkimResult.PASS : DkimResult.FAIL)),
            Optional.of(new DmarcEvaluationRow.SpfAuth(pass ? "herald.test" : "spoofer.example", DmarcEvaluationRow.SpfScope.MFROM,
                pass ? SpfResult.PASS : SpfResult.FAIL)), count);
    }

    static byte[] mailWithAttachment(String from, String subject, String fileName, byte[] content, String type) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(from));
        message.setRecipients(MimeMessage.RecipientType.TO, REPORTS);
        message.setSubject(subject);
        MimeBodyPart text = new MimeBodyPart();
        text.setText("This is an aggregate report.", "utf-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
        attachment.setFileName(fileName);
        MimeMultipart multipart = new MimeMultipart();
        multipart.addBodyPart(text);
        multipart.addBodyPart(attachment);
        message.setContent(multipart);
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    /** A zip whose one entry inflates to 64 MB of zeros: a few hundred kilobytes on the wire. */
    private static byte[] zipBomb() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("report.xml"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    private static JsonNode json(HeraldProcess herald, String path) throws Exception {
        var response = herald.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void reportsAreStoredOnceSummarisedAndBadOnesKeptWithTheReason() throws Exception {
        try (HeraldProcess herald = HeraldProcess.builder(work).start()) {
            herald.addUser("carol@herald.test", "a-password-for-carol");
            Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS);
            AggregateReport report = new AggregateReportBuilder("google.com", "noreply-dmarc-support@google.com")
                .build(List.of(row(day, "192.0.2.1", true, 10), row(day, "203.0.113.9", false, 3)), day, day.plus(Duration.ofDays(1)),
                    "17000000001");
            byte[] gz = new AggregateReportWriter().gzipped(report);
            String fileName = ReportFileName.of("google.com", "herald.test", day, day.plus(Duration.ofDays(1))).toString();
            byte[] good = mailWithAttachment("noreply-dmarc-support@google.com", "Report Domain: herald.test", fileName, gz, "application/gzip");

            assertThat(RawMail.send(herald.mxPort(), "noreply-dmarc-support@google.com", List.of(REPORTS), good)).startsWith("250");
            assertThat(RawMail.send(herald.mxPort(), "noreply-dmarc-support@google.com", List.of(REPORTS), good)).as("resent").startsWith("250");
            assertThat(RawMail.send(herald.mxPort(), "reports@bad.example", List.of(REPORTS),
                mailWithAttachment("reports@bad.example", "not a report", "report.xml",
                    "<html><body>hello</body></html>".getBytes(StandardCharsets.UTF_8), "text/xml"))).startsWith("250");
            assertThat(RawMail.send(herald.mxPort(), "reports@bomb.example", List.of(REPORTS),
                mailWithAttachment("reports@bomb.example", "zip bomb", "report.zip", zipBomb(), "application/zip"))).startsWith("250");

            Awaitility.await("the reports processed").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(herald.metric("herald_dmarc_reports_ingested_total")).isEqualTo(1);
                assertThat(herald.metric("herald_dmarc_reports_duplicate_total")).isEqualTo(1);
                assertThat(herald.metric("herald_dmarc_reports_rejected_total")).isEqualTo(2);
            });
            JsonNode summary = json(herald, "/dmarc/domains/herald.test/summary");
            assertThat(summary.get("reports").asLong()).isEqualTo(1);
            assertThat(summary.get("messages").asLong()).isEqualTo(13);
            assertThat(summary.get("dmarcPass").asLong()).isEqualTo(10);
            assertThat(summary.get("byReporter").get(0).get("key").asText()).isEqualTo("google.com");
            JsonNode sources = json(herald, "/dmarc/domains/herald.test/sources?limit=5");
            assertThat(sources.get(0).get("sourceIp").asText()).isEqualTo("192.0.2.1");
            assertThat(sources.get(1).get("sourceIp").asText()).isEqualTo("203.0.113.9");
            assertThat(sources.get(1).get("rejected").asLong()).isEqualTo(3);
            assertThat(herald.get("/dmarc/domains/herald.test/summary?from=yesterday").statusCode()).isEqualTo(400);

            String rejected = "/mailRepositories/var%2Fmail%2Fdmarc-rejected/mails";
            List<String> keys = MailFlowIntegrationTest.mailKeys(herald.get(rejected).body());
            assertThat(keys).hasSize(2);
            String reasons = String.join("\n", keys.stream()
                .map(key -> herald.get(rejected + "/" + key + "?additionalFields=attributes").body()).toList());
            // The zeros are refused as soon as the first bytes show they are no XML, long before the size limit.
            assertThat(reasons).contains("not a DMARC aggregate report: root element <html>").contains("report.zip!report.xml: decompressed content is not XML");
            assertThat(MailFlowIntegrationTest.mailKeys(herald.get("/mailRepositories/var%2Fmail%2Finbox/mails").body()))
                .as("report mail is consumed, not delivered").isEmpty();
        }
    }
}
