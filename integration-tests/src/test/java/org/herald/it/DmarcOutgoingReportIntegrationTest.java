package org.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.zip.GZIPInputStream;

import javax.mail.Session;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import org.awaitility.Awaitility;
import org.herald.core.dmarc.report.AggregateReport;
import org.herald.core.dmarc.report.AggregateReportParser;
import org.herald.it.harness.HeraldProcess;
import org.herald.it.harness.RawMail;
import org.herald.it.harness.SmtpSink;
import org.herald.testpeers.DkimPy;
import org.herald.testpeers.DkimVerifyResult;
import org.herald.testpeers.DnsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The aggregate reports Herald sends, through a running Herald: inbound mail evaluated against DMARC records served by
 * a real DNS server on loopback; reports mailed through the outbound path (DKIM-signed, verified by dkimpy) to
 * smtp-sink; a foreign rua= used only with its RFC 7489 §7.1 authorisation record; the daily run once the UTC day is
 * over (Herald's clock moved forward), once; what was skipped listed with why; and a report read back by Herald's own
 * ingestion gives the same counts.
 */
class DmarcOutgoingReportIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOCAL = "carol@herald.test";
    /** The RFC 7489 Appendix C schema, kept with core's tests. */
    private static final Path APPENDIX_C = Path.of("..", "core", "src", "test", "resources", "dmarc", "rfc7489-appendix-c.xsd");

    @TempDir
    Path work;

    private static byte[] message(String from, String subject) {
        return ("From: " + from + "\r\nTo: " + LOCAL + "\r\nSubject: " + subject
            + "\r\nDate: Tue, 24 Nov 2026 10:00:00 +0000\r\n\r\nbody of " + subject + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static JsonNode json(HttpResponse<String> response, int expectedStatus) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    private static List<String> reportsAbout(SmtpSink sink, String domain) {
        return sink.dumps().stream().filter(dump -> dump.contains("Subject: Report Domain: " + domain + " ")).toList();
    }

    /** The gzipped XML attached to a report mail, parsed, after checking it against the Appendix C schema. */
    private static AggregateReport attachedReport(String dump, String expectedFileName) throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(RawMail.crlf(dump)));
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        MimeBodyPart attachment = (MimeBodyPart) parts.getBodyPart(1);
        assertThat(attachment.getContentType()).startsWith("application/gzip");
        assertThat(attachment.getFileName()).isEqualTo(expectedFileName);
        byte[] xml;
        try (GZIPInputStream gunzip = new GZIPInputStream(attachment.getInputStream())) {
            xml = gunzip.readAllBytes();
        }
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(APPENDIX_C.toFile()).newValidator()
            .validate(new StreamSource(new ByteArrayInputStream(xml)));
        return new AggregateReportParser().parse(xml);
    }

    private static List<JsonNode> entries(HeraldProcess herald, LocalDate day) throws Exception {
        List<JsonNode> entries = new ArrayList<>();
        json(herald.get("/dmarc/reports/outgoing?from=" + day + "&to=" + day), 200).forEach(entries::add);
        return entries;
    }

    private static JsonNode entry(List<JsonNode> entries, String domain, String trigger) {
        return entries.stream()
            .filter(entry -> entry.get("domain").asText().equals(domain) && entry.get("trigger").asText().equals(trigger))
            .findFirst().orElseThrow(() -> new AssertionError("no " + trigger + " entry for " + domain + " in " + entries));
    }

    @Test
    void reportsAreSignedMailedOnceADayToAuthorisedAddressesOnlyAndReadBackWithTheSameCounts() throws Exception {
        assumeThat(DnsServer.available()).as(DnsServer.INSTALL_HINT).isTrue();
        assumeThat(DkimPy.available()).as(DkimPy.INSTALL_HINT).isTrue();
        assumeThat(APPENDIX_C).as("the Appendix C schema in core's test resources").exists();
        Path clockFile = work.resolve("clock-offset");
        Files.writeString(clockFile, "0");
        try (DnsServer dns = DnsServer.start(); SmtpSink sink = SmtpSink.started(); DkimPy dkimpy = DkimPy.create();
             HeraldProcess herald = HeraldProcess.builder(work)
                 .smarthost(sink)
                 .systemProperty("herald.test.clockOffsetFile", clockFile.toString())
                 .editConf("dns.xml", text -> "<dns timeout=\"1s\" retries=\"0\"><resolver address=\"127.0.0.1\" port=\""
                     + dns.port() + "\"/></dns>")
                 .editConf("dkim.xml", text -> "<dkim><keys dnsCheckInterval=\"1s\"/></dkim>")
                 .editConf("dmarc.xml", text -> "<dmarc><reports orgName=\"herald.test\" email=\"postmaster@herald.test\" checkInterval=\"1s\" delay=\"1m\">"
                     + "<exclude domain=\"excluded.example\"/></reports></dmarc>")
                 .start()) {
            herald.addUser(LOCAL, "a-password-for-carol");
            // Herald's own DKIM keys, published and active: its reports go out signed.
            json(herald.post("/dkim/domains/herald.test/keys", ""), 201);
            for (JsonNode record : json(herald.get("/dkim/domains/herald.test/dns"), 200)) {
                List<String> strings = new ArrayList<>();
                record.get("strings").forEach(string -> strings.add(string.asText()));
                dns.putTxt(record.get("name").asText(), strings.toArray(String[]::new));
            }
            Awaitility.await("active DKIM keys").atMost(Duration.ofSeconds(30)).until(() ->
                json(herald.get("/dkim/domains/herald.test/keys"), 200).findValues("state").stream()
                    .filter(state -> state.asText().equals("active")).count() == 2);

            dns.putTxt("_dmarc.own.example", "v=DMARC1; p=none; rua=mailto:dmarc@own.example");
            dns.putTxt("_dmarc.authorised.example", "v=DMARC1; p=none; rua=mailto:reports@vendor.example");
            dns.putTxt("authorised.example._report._dmarc.vendor.example", "v=DMARC1");
            dns.putTxt("_dmarc.unauthorised.example", "v=DMARC1; p=none; rua=mailto:reports@vendor.example");
            dns.putTxt("_dmarc.excluded.example", "v=DMARC1; p=none; rua=mailto:dmarc@excluded.example");
            for (int i = 1; i <= 3; i++) {
                assertThat(RawMail.send(herald.mxPort(), "x@elsewhere.example", List.of(LOCAL), message("a@own.example", "own " + i)))
                    .startsWith("250");
            }
            assertThat(RawMail.send(herald.mxPort(), "dmarc@own.example", List.of(LOCAL),
                message("dmarc@own.example", "Report Domain: herald.test Submitter: own.example Report-ID: <1>")))
                .as("a report mail: evaluated, never reported about").startsWith("250");
            for (String domain : List.of("authorised.example", "authorised.example", "unauthorised.example", "excluded.example")) {
                assertThat(RawMail.send(herald.mxPort(), "x@elsewhere.example", List.of(LOCAL), message("a@" + domain, domain)))
                    .startsWith("250");
            }
            LocalDate today = LocalDate.now(ZoneOffset.UTC);

            // An operator sends today's report for own.example now.
            JsonNode sentNow = json(herald.post("/dmarc/reports/outgoing?domain=own.example&date=" + today, ""), 200);
            assertThat(sentNow.get("outcome").asText()).as(sentNow.toString()).isEqualTo("sent");
            assertThat(sentNow.get("trigger").asText()).isEqualTo("on_demand");
            assertThat(sentNow.get("recipients")).extracting(JsonNode::asText).containsExactly("dmarc@own.example");
            Awaitility.await("the report at the sink").atMost(Duration.ofSeconds(30)).until(() -> reportsAbout(sink, "own.example").size() == 1);
            String mailed = reportsAbout(sink, "own.example").get(0);
            assertThat(mailed).containsPattern("(?m)^From: postmaster@herald\\.test\\r?$").containsPattern("(?m)^To: dmarc@own\\.example\\r?$")
                .contains("Submitter: herald.test Report-ID: <");
            DkimVerifyResult verified = dkimpy.verify(RawMail.crlf(mailed), dns);
            assertThat(verified.signatures()).as(verified.toString()).hasSize(2);
            assertThat(verified.allPassed()).as(verified.toString()).isTrue();
            long begin = today.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            AggregateReport report = attachedReport(mailed, "herald.test!own.example!" + begin + "!" + (begin + 86_400) + ".xml.gz");
            assertThat(report.policy().domain()).isEqualTo("own.example");
            assertThat(report.messageCount()).as("3 messages; the report mail is not counted").isEqualTo(3);

            // Round trip: Herald's own ingestion reads the report it sent with the same counts.
            assertThat(RawMail.send(herald.mxPort(), "postmaster@herald.test", List.of("dmarc-reports@herald.test"), RawMail.crlf(mailed)))
                .startsWith("250");
            Awaitility.await("the report ingested").atMost(Duration.ofSeconds(30)).until(() ->
                json(herald.get("/dmarc/domains/own.example/summary"), 200).get("messages").asLong() == 3);
            JsonNode summary = json(herald.get("/dmarc/domains/own.example/summary"), 200);
            assertThat(summary.get("reports").asLong()).isEqualTo(1);
            assertThat(summary.get("byReporter").get(0).get("key").asText()).isEqualTo("herald.test");

            // The day ends: the daily run sends what is due, once, and lists what it left out and why.
            assertThat(entries(herald, today)).as("nothing daily before the day is over").hasSize(1);
            long toNextDay = Duration.between(java.time.Instant.now(), today.plusDays(1).atStartOfDay(ZoneOffset.UTC)).toSeconds();
            Files.writeString(clockFile, String.valueOf(toNextDay + 120));
            Awaitility.await("the daily reports").atMost(Duration.ofSeconds(30)).until(() -> entries(herald, today).size() == 5);
            List<JsonNode> entries = entries(herald, today);
            assertThat(entry(entries, "own.example", "daily").get("outcome").asText()).isEqualTo("sent");
            JsonNode authorised = entry(entries, "authorised.example", "daily");
            assertThat(authorised.get("outcome").asText()).isEqualTo("sent");
            assertThat(authorised.get("recipients")).extracting(JsonNode::asText).containsExactly("reports@vendor.example");
            JsonNode unauthorised = entry(entries, "unauthorised.example", "daily");
            assertThat(unauthorised.get("outcome").asText()).isEqualTo("skipped");
            assertThat(unauthorised.get("notes").get(0).asText()).contains("reports@vendor.example")
                .contains("unauthorised.example._report._dmarc.vendor.example");
            JsonNode excluded = entry(entries, "excluded.example", "daily");
            assertThat(excluded.get("outcome").asText()).isEqualTo("skipped");
            assertThat(excluded.get("notes").get(0).asText()).isEqualTo("excluded by configuration");

            Awaitility.await("the daily mails at the sink").atMost(Duration.ofSeconds(30)).until(() ->
                reportsAbout(sink, "own.example").size() == 2 && reportsAbout(sink, "authorised.example").size() == 1);
            String vendorMail = reportsAbout(sink, "authorised.example").get(0);
            assertThat(vendorMail).containsPattern("(?m)^To: reports@vendor\\.example\\r?$");
            assertThat(attachedReport(vendorMail, "herald.test!authorised.example!" + begin + "!" + (begin + 86_400) + ".xml.gz")
                .messageCount()).isEqualTo(2);
            // Signed too (not verified here: Herald's clock is a day ahead, so dkimpy would see a t= in the future).
            assertThat(vendorMail).containsPattern("(?m)^DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=herald\\.test;");

            Thread.sleep(3_000); // three more passes of the daily run
            assertThat(entries(herald, today)).as("each daily report decided once").hasSize(5);
            assertThat(reportsAbout(sink, "own.example")).hasSize(2);
            assertThat(reportsAbout(sink, "unauthorised.example")).isEmpty();
            assertThat(herald.metric("herald_dmarc_reports_sent_total")).isEqualTo(3);
            assertThat(herald.metric("herald_dmarc_reports_skipped_total")).isEqualTo(2);
            assertThat(herald.metric("herald_dmarc_reports_generated_total")).isEqualTo(3);

            assertThat(json(herald.post("/dmarc/reports/outgoing", ""), 400).get("message").asText()).contains("domain is required");
            assertThat(json(herald.post("/dmarc/reports/outgoing?domain=own.example&date=2999-01-01", ""), 400).get("message").asText())
                .contains("has not begun yet");
        }
    }
}
