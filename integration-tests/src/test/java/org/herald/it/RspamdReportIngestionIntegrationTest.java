package org.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.herald.core.dkim.DkimAlgorithm;
import org.herald.core.dkim.DkimPublicKeyRecord;
import org.herald.core.dkim.DkimSigner;
import org.herald.core.dkim.DkimSigningKey;
import org.herald.it.harness.HeraldProcess;
import org.herald.core.dmarc.ingest.StoredReport;
import org.herald.testpeers.DnsServer;
import org.herald.testpeers.FreePorts;
import org.herald.testpeers.Rspamd;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reports from an independent generator ingest without loss: Debian's rspamd scans a known mix of mail claiming to be
 * from sender.test, records its DMARC outcomes in redis, and its own {@code rspamadm dmarc_report} mails the aggregate
 * report to Herald's MX; what Herald then stores and summarises must be exactly what rspamd was fed.
 */
class RspamdReportIngestionIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SENDER_DOMAIN = "sender.test";
    private static final String HERALD_DOMAIN = "herald.test";
    private static final String REPORTS_ADDRESS = "dmarc-reports@" + HERALD_DOMAIN;
    private static final String SELECTOR = "s2026";
    private static final String SPF_AUTHORISED_IP = "192.0.2.10";
    private static final Rspamd.Reporter REPORTER = new Rspamd.Reporter("Herald test rspamd", "reporter.test",
        "dmarc-noreply@reporter.test");

    /**
     * Mail rspamd scans from one client address, all with From: alice@sender.test and MAIL FROM alice@sender.test.
     *
     * @param dkimSigned whether the messages carry a valid sender.test signature
     */
    private record Source(String ip, String helo, boolean dkimSigned, int messages) {
        boolean spfPass() {
            return ip.equals(SPF_AUTHORISED_IP);
        }

        boolean dmarcPass() {
            return spfPass() || dkimSigned;
        }
    }

    private static final List<Source> SOURCES = List.of(
        // the domain's own server: SPF and DKIM both pass aligned
        new Source(SPF_AUTHORISED_IP, "mail.sender.test", true, 3),
        // a forwarder: not in the SPF record, but the signature survives, so DMARC passes on DKIM alone
        new Source("198.51.100.7", "forwarder.test", true, 2),
        // a spoofer: neither, and sender.test says p=reject
        new Source("203.0.113.66", "spoofer.test", false, 4));

    @TempDir
    Path work;

    private static long sum(Predicate<Source> counted) {
        return SOURCES.stream().filter(counted).mapToLong(Source::messages).sum();
    }

    private static byte[] message(Source source, int number, DkimSigningKey key) {
        String body = "From: Alice <alice@sender.test>\r\n"
            + "To: Bob <bob@receiver.test>\r\n"
            + "Subject: Invoice " + number + " via " + source.helo() + "\r\n"
            + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "\r\n"
            + "Message-ID: <" + number + "." + source.ip() + "@sender.test>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n"
            + "\r\n"
            + "Invoice " + number + " is attached in spirit.\r\n";
        byte[] raw = body.getBytes(StandardCharsets.US_ASCII);
        if (!source.dkimSigned()) {
            return raw;
        }
        String signature = new DkimSigner(Clock.systemUTC()).sign(raw, List.of(key)).get(0);
        return (signature + "\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }

    private static String element(String xml, String name) {
        Matcher matcher = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
        assertThat(matcher.find()).as("<" + name + "> in rspamd's report:\n" + xml).isTrue();
        return matcher.group(1).strip();
    }

    private static JsonNode json(HeraldProcess herald, String path) throws Exception {
        var response = herald.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void rspamdsReportOfAKnownMixIsStoredWithExactlyTheCountsItWasFed() throws Exception {
        Assumptions.assumeTrue(DnsServer.available(), DnsServer.INSTALL_HINT);
        Assumptions.assumeTrue(Rspamd.available(), Rspamd.INSTALL_HINT);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keyPair = generator.generateKeyPair();
        DkimSigningKey key = new DkimSigningKey(SENDER_DOMAIN, SELECTOR, DkimAlgorithm.RSA_SHA256, keyPair.getPrivate());

        try (DnsServer dns = DnsServer.start();
             Rspamd rspamd = Rspamd.start(dns, REPORTER);
             HeraldProcess herald = HeraldProcess.builder(work).start()) {
            dns.putTxt("_dmarc." + SENDER_DOMAIN, "v=DMARC1; p=reject; rua=mailto:" + REPORTS_ADDRESS);
            dns.putTxt(SENDER_DOMAIN, "v=spf1 ip4:" + SPF_AUTHORISED_IP + " -all");
            dns.putTxt(SELECTOR + "._domainkey." + SENDER_DOMAIN, DkimPublicKeyRecord.splitForDns(
                DkimPublicKeyRecord.renderTxt(DkimAlgorithm.RSA_SHA256, keyPair.getPublic().getEncoded())).toArray(String[]::new));
            // RFC 7489 7.1: herald.test agrees to receive sender.test's reports; rspamadm drops the rua without it.
            dns.putTxt(SENDER_DOMAIN + "._report._dmarc." + HERALD_DOMAIN, "v=DMARC1");
            assertThat(herald.put("/domains/" + HERALD_DOMAIN, "").statusCode()).isEqualTo(204);

            LocalDate firstScanDay = LocalDate.now(ZoneOffset.UTC);
            int number = 0;
            for (Source source : SOURCES) {
                for (int i = 0; i < source.messages(); i++) {
                    Rspamd.Scan scan = rspamd.scan(message(source, ++number, key), source.ip(), source.helo(),
                        "alice@" + SENDER_DOMAIN, "bob@receiver.test");
                    assertThat(scan.symbolsStartingWith("DMARC_")).as(source + ": " + scan.json())
                        .containsExactly(source.dmarcPass() ? "DMARC_POLICY_ALLOW" : "DMARC_POLICY_REJECT");
                    assertThat(scan.symbolsStartingWith("R_SPF_")).as(scan.json())
                        .containsExactly(source.spfPass() ? "R_SPF_ALLOW" : "R_SPF_FAIL");
                    assertThat(scan.symbolsStartingWith("R_DKIM_")).as(scan.json())
                        .containsExactly(source.dkimSigned() ? "R_DKIM_ALLOW" : "R_DKIM_NA");
                }
            }
            LocalDate lastScanDay = LocalDate.now(ZoneOffset.UTC);

            Rspamd.ReportRun run = rspamd.sendReports(FreePorts.LOOPBACK, herald.mxPort(),
                Stream.of(firstScanDay, lastScanDay).distinct().toArray(LocalDate[]::new));
            assertThat(run.sent()).as("rspamadm mailed one report to Herald:\n" + run.output()).isEqualTo(1);
            assertThat(run.failed()).isZero();
            String xml = run.reportXml().get(0);
            String reportId = element(xml, "report_id");
            LocalDate reportDay = LocalDate.ofInstant(Instant.ofEpochSecond(Long.parseLong(element(xml, "begin"))), ZoneOffset.UTC);

            Awaitility.await("Herald to store or refuse rspamd's report").atMost(Duration.ofSeconds(60)).until(() ->
                herald.metric("herald_dmarc_reports_ingested_total") >= 1 || herald.metric("herald_dmarc_reports_rejected_total") >= 1);
            String rejected = "/mailRepositories/var%2Fmail%2Fdmarc-rejected/mails";
            var rejectedListing = herald.get(rejected);
            assertThat(rejectedListing.statusCode()).as(rejectedListing.body()).isEqualTo(200);
            List<String> rejectedKeys = MailFlowIntegrationTest.mailKeys(rejectedListing.body());
            assertThat(rejectedKeys).as("refused by Herald: " + String.join("\n", rejectedKeys.stream()
                .map(mail -> herald.get(rejected + "/" + mail + "?additionalFields=attributes").body()).toList())
                + "\nrspamd's report:\n" + xml).isEmpty();
            assertThat(herald.metric("herald_dmarc_reports_ingested_total")).isEqualTo(1);

            JsonNode summary = json(herald, "/dmarc/domains/" + SENDER_DOMAIN + "/summary?from=" + reportDay + "&to=" + reportDay);
            assertThat(summary.get("reports").asLong()).isEqualTo(1);
            assertThat(summary.get("messages").asLong()).isEqualTo(sum(source -> true));
            assertThat(summary.get("dmarcPass").asLong()).isEqualTo(sum(Source::dmarcPass));
            assertThat(summary.get("dkimAligned").asLong()).isEqualTo(sum(Source::dkimSigned));
            assertThat(summary.get("spfAligned").asLong()).isEqualTo(sum(Source::spfPass));
            assertThat(summary.get("byReporter")).hasSize(1);
            assertThat(summary.get("byReporter").get(0).get("key").asText()).isEqualTo(REPORTER.orgName());
            assertThat(summary.get("byReporter").get(0).get("messages").asLong()).isEqualTo(sum(source -> true));

            Map<String, JsonNode> bySource = new HashMap<>();
            json(herald, "/dmarc/domains/" + SENDER_DOMAIN + "/sources?from=" + reportDay + "&to=" + reportDay + "&limit=10")
                .forEach(row -> bySource.put(row.get("sourceIp").asText(), row));
            assertThat(bySource).containsOnlyKeys(SOURCES.stream().map(Source::ip).toList());
            for (Source source : SOURCES) {
                JsonNode row = bySource.get(source.ip());
                assertThat(row.get("messages").asLong()).as(source.toString()).isEqualTo(source.messages());
                assertThat(row.get("dmarcPass").asLong()).as(source.toString()).isEqualTo(source.dmarcPass() ? source.messages() : 0);
                assertThat(row.get("dmarcFail").asLong()).as(source.toString()).isEqualTo(source.dmarcPass() ? 0 : source.messages());
                assertThat(row.get("rejected").asLong()).as(source.toString()).isEqualTo(source.dmarcPass() ? 0 : source.messages());
                assertThat(row.get("quarantined").asLong()).as(source.toString()).isZero();
            }

            JsonNode stored = json(herald, "/dmarc/reports/" + StoredReport.idOf(REPORTER.orgName(), reportId));
            assertThat(stored.get("receivedFrom").asText()).isEqualTo(REPORTER.email());
            JsonNode report = stored.get("report");
            assertThat(report.at("/metadata/orgName").asText()).isEqualTo(REPORTER.orgName());
            assertThat(report.at("/metadata/email").asText()).isEqualTo(REPORTER.email());
            assertThat(report.at("/metadata/reportId").asText()).isEqualTo(reportId);
            assertThat(report.at("/policy/domain").asText()).isEqualTo(SENDER_DOMAIN);
            assertThat(report.at("/policy/p").asText()).isEqualTo("REJECT");
            Map<String, JsonNode> records = new HashMap<>();
            report.get("records").forEach(record -> records.put(record.at("/row/sourceIp").asText(), record));
            assertThat(records).as(report.toPrettyString()).containsOnlyKeys(SOURCES.stream().map(Source::ip).toList());
            for (Source source : SOURCES) {
                JsonNode record = records.get(source.ip());
                assertThat(record.at("/row/count").asLong()).as(source.toString()).isEqualTo(source.messages());
                assertThat(record.at("/row/policyEvaluated/disposition").asText()).as(source.toString())
                    .isEqualTo(source.dmarcPass() ? "NONE" : "REJECT");
                assertThat(record.at("/row/policyEvaluated/dkim").asText()).isEqualTo(source.dkimSigned() ? "PASS" : "FAIL");
                assertThat(record.at("/row/policyEvaluated/spf").asText()).isEqualTo(source.spfPass() ? "PASS" : "FAIL");
                assertThat(record.at("/identifiers/headerFrom").asText()).isEqualTo(SENDER_DOMAIN);
                assertThat(record.at("/authResults/dkim").findValuesAsText("domain"))
                    .isEqualTo(source.dkimSigned() ? List.of(SENDER_DOMAIN) : List.of());
                assertThat(record.at("/authResults/dkim").findValuesAsText("result"))
                    .isEqualTo(source.dkimSigned() ? List.of("PASS") : List.of());
                assertThat(record.at("/authResults/spf").findValuesAsText("result")).containsExactly(source.spfPass() ? "PASS" : "FAIL");
            }
            assertThat(MailFlowIntegrationTest.mailKeys(herald.get("/mailRepositories/var%2Fmail%2Finbox/mails").body()))
                .as("the report mail is consumed, not delivered").isEmpty();
        }
    }
}
