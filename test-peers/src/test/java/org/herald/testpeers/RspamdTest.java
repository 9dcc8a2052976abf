package org.herald.testpeers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RspamdTest {
    private static final Rspamd.Reporter REPORTER = new Rspamd.Reporter("Peer test \"rspamd\"", "reporter.test",
        "dmarc-noreply@reporter.test");
    private static DnsServer dns;
    private static Rspamd rspamd;

    @BeforeAll
    static void startPeers() {
        Assumptions.assumeTrue(DnsServer.available(), DnsServer.INSTALL_HINT);
        Assumptions.assumeTrue(Rspamd.available(), Rspamd.INSTALL_HINT);
        dns = DnsServer.start();
        rspamd = Rspamd.start(dns, REPORTER);
    }

    @AfterAll
    static void stopPeers() {
        if (rspamd != null) {
            rspamd.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    private static byte[] message(String from) {
        return ("From: " + from + "\r\nTo: bob@receiver.test\r\nSubject: peer test\r\nMessage-ID: <" + System.nanoTime()
            + "@peer.test>\r\nDate: Tue, 24 Nov 2026 09:00:00 +0000\r\n\r\nHello.\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void evaluatesDmarcThroughTheTestDnsServerAndReportsWhatItSaw() {
        dns.putTxt("_dmarc.peer-sender.test", "v=DMARC1; p=reject; rua=mailto:dmarc@peer-receiver.test");
        dns.putTxt("peer-sender.test", "v=spf1 ip4:192.0.2.20 -all");
        dns.putTxt("peer-sender.test._report._dmarc.peer-receiver.test", "v=DMARC1");
        LocalDate day = LocalDate.now(ZoneOffset.UTC);

        Rspamd.Scan aligned = rspamd.scan(message("alice@peer-sender.test"), "192.0.2.20", "mail.peer-sender.test",
            "alice@peer-sender.test", "bob@receiver.test");
        Rspamd.Scan spoofed = rspamd.scan(message("alice@peer-sender.test"), "203.0.113.20", "spoofer.test",
            "alice@peer-sender.test", "bob@receiver.test");

        assertThat(aligned.symbolsStartingWith("DMARC_")).as(aligned.json()).containsExactly("DMARC_POLICY_ALLOW");
        assertThat(aligned.hasSymbol("R_SPF_ALLOW")).as(aligned.json()).isTrue();
        assertThat(spoofed.symbolsStartingWith("DMARC_")).as(spoofed.json()).containsExactly("DMARC_POLICY_REJECT");
        assertThat(spoofed.symbols().get("DMARC_POLICY_REJECT")).contains("reject");
        assertThat(dns.queries()).contains(new DnsServer.Query("_dmarc.peer-sender.test.", "TXT"));

        // Nothing listens on this port: rspamadm builds the report, then fails to deliver it and says so.
        int closedPort = FreePorts.loopback();
        Rspamd.ReportRun run = rspamd.sendReports(FreePorts.LOOPBACK, closedPort, day.minusDays(1), day);

        assertThat(run.reports()).as(run.output()).isEqualTo(1);
        assertThat(run.sent()).isZero();
        assertThat(run.failed()).isEqualTo(1);
        assertThat(run.sendFailures()).singleElement().asString().contains("peer-sender.test");
        assertThat(run.reportXml()).singleElement().asString()
            .contains("<org_name>Peer test &quot;rspamd&quot;</org_name>")
            .contains("<domain>peer-sender.test</domain>")
            .containsPattern("(?s)<source_ip>192\\.0\\.2\\.20</source_ip>\\s*<count>1</count>.*?<disposition>none</disposition>")
            .containsPattern("(?s)<source_ip>203\\.0\\.113\\.20</source_ip>\\s*<count>1</count>.*?<disposition>reject</disposition>");
        assertThat(dns.queries()).as("rspamadm checked the foreign rua's authorisation through the test DNS server")
            .contains(new DnsServer.Query("peer-sender.test._report._dmarc.peer-receiver.test.", "TXT"));

        Rspamd.ReportRun again = rspamd.sendReports(FreePorts.LOOPBACK, closedPort, day.minusDays(1), day);
        assertThat(again.reports()).as("reported data leaves redis, as in production: " + again.output()).isZero();
    }

    @Test
    void readsTheSymbolsOfAnAnswerAndRefusesAnError() {
        Rspamd.Scan scan = Rspamd.parseScan("{\"is_skipped\":false,\"score\":1.5,\"required_score\":null,\"action\":\"no action\","
            + "\"symbols\":{\"DMARC_POLICY_ALLOW\":{\"name\":\"DMARC_POLICY_ALLOW\",\"score\":0.0,\"options\":[\"a.test\",\"reject\"]},"
            + "\"R_DKIM_NA\":{\"name\":\"R_DKIM_NA\",\"score\":0.0}},\"messages\":{},\"time_real\":1.0e-3}");

        assertThat(scan.action()).isEqualTo("no action");
        assertThat(scan.score()).isEqualTo(1.5);
        assertThat(scan.symbols()).containsOnlyKeys("DMARC_POLICY_ALLOW", "R_DKIM_NA");
        assertThat(scan.symbols().get("DMARC_POLICY_ALLOW")).containsExactly("a.test", "reject");
        assertThat(scan.symbols().get("R_DKIM_NA")).isEmpty();
        assertThatThrownBy(() -> Rspamd.parseScan("{\"error\":\"bad request\"}")).hasMessageContaining("bad request");
        assertThatThrownBy(() -> Rspamd.parseScan("{\"score\":}")).isInstanceOf(IllegalArgumentException.class);
    }
}
