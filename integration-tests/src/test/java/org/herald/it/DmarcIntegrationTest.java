package org.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.awaitility.Awaitility;
import org.herald.it.harness.HeraldProcess;
import org.herald.it.harness.RawMail;
import org.herald.testpeers.DkimPy;
import org.herald.testpeers.DnsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DMARC evaluated and applied at the end of DATA through a running Herald, with a real DNS server on loopback serving
 * the _dmarc, SPF and DKIM records: reject before the 250, quarantine marked, sampling by pct, subdomain policy,
 * relaxed and strict alignment of SPF and DKIM.
 */
class DmarcIntegrationTest {
    private static final String LOCAL = "carol@herald.test";
    private static final String INBOX = "/mailRepositories/var%2Fmail%2Finbox/mails";

    @TempDir
    Path work;

    private static byte[] message(String from, String subject) {
        return ("From: " + from + "\r\nTo: " + LOCAL + "\r\nSubject: " + subject
            + "\r\nDate: Tue, 24 Nov 2026 10:00:00 +0000\r\nMessage-ID: <" + subject.replace(' ', '-') + "@test>\r\n\r\nbody of "
            + subject + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String inboxMail(HeraldProcess herald, String subject) {
        Optional<String>[] found = new Optional[]{Optional.empty()};
        Awaitility.await("'" + subject + "' in the inbox").atMost(Duration.ofSeconds(30)).until(() -> {
            for (String key : MailFlowIntegrationTest.mailKeys(herald.get(INBOX).body())) {
                String mail = herald.get(INBOX + "/" + key + "?additionalFields=headers").body();
                if (mail.contains("\"" + subject + "\"")) {
                    found[0] = Optional.of(mail);
                    return true;
                }
            }
            return false;
        });
        return found[0].orElseThrow();
    }

    @Test
    void policiesAreAppliedAtTheEndOfDataAccordingToAlignmentPctAndSubdomainPolicy() throws Exception {
        assumeThat(DnsServer.available()).as(DnsServer.INSTALL_HINT).isTrue();
        assumeThat(DkimPy.available()).as(DkimPy.INSTALL_HINT).isTrue();
        try (DnsServer dns = DnsServer.start(); DkimPy dkimpy = DkimPy.create();
             HeraldProcess herald = HeraldProcess.builder(work)
                 .editConf("dns.xml", text -> "<dns timeout=\"1s\" retries=\"0\"><resolver address=\"127.0.0.1\" port=\""
                     + dns.port() + "\"/></dns>")
                 .editConf("dkim.xml", text -> "<dkim><verification authservId=\"mx.herald.test\"/></dkim>")
                 .start()) {
            herald.addUser(LOCAL, "a-password-for-carol");
            dns.putTxt("_dmarc.reject.example", "v=DMARC1; p=reject; rua=mailto:dmarc@reject.example");
            dns.putTxt("reject.example", "v=spf1 ip4:192.0.2.1 -all");
            dns.putTxt("_dmarc.quarantine.example", "v=DMARC1; p=quarantine");
            dns.putTxt("_dmarc.sampled.example", "v=DMARC1; p=reject; pct=0");
            dns.putTxt("_dmarc.parent.example", "v=DMARC1; p=reject; sp=none");
            dns.putTxt("_dmarc.spfok.example", "v=DMARC1; p=reject");
            dns.putTxt("mail.spfok.example", "v=spf1 ip4:127.0.0.0/8 -all");
            dns.putTxt("_dmarc.strict.example", "v=DMARC1; p=reject; aspf=s");
            dns.putTxt("mail.strict.example", "v=spf1 ip4:127.0.0.0/8 -all");
            dns.putTxt("_dmarc.signed.example", "v=DMARC1; p=reject; adkim=s");
            DkimPy.KeyPair key = dkimpy.generateKey(DkimPy.ED25519_SHA256);
            dns.putTxt("s1._domainkey.signed.example", key.dnsTxtStrings());

            assertThat(RawMail.send(herald.mxPort(), "spoof@reject.example", List.of(LOCAL), message("ceo@reject.example", "spoofed")))
                .startsWith("550").contains("5.7.1").contains("reject.example");
            assertThat(RawMail.send(herald.mxPort(), "bounce@mail.strict.example", List.of(LOCAL),
                message("news@strict.example", "strict spf"))).as("aspf=s: mail.strict.example is not strict.example").startsWith("550");
            assertThat(RawMail.send(herald.mxPort(), "x@elsewhere.example", List.of(LOCAL), message("a@quarantine.example", "quarantined")))
                .startsWith("250");
            assertThat(RawMail.send(herald.mxPort(), "x@elsewhere.example", List.of(LOCAL), message("a@sampled.example", "sampled out")))
                .startsWith("250");
            assertThat(RawMail.send(herald.mxPort(), "x@elsewhere.example", List.of(LOCAL), message("a@sub.parent.example", "subdomain")))
                .startsWith("250");
            assertThat(RawMail.send(herald.mxPort(), "bounce@mail.spfok.example", List.of(LOCAL),
                message("news@spfok.example", "relaxed spf"))).startsWith("250");
            byte[] signed = dkimpy.sign(message("boss@signed.example", "strict dkim"), "signed.example", "s1", key.privateKey(),
                DkimPy.ED25519_SHA256);
            assertThat(RawMail.send(herald.mxPort(), "x@elsewhere.example", List.of(LOCAL), signed)).startsWith("250");

            assertThat(inboxMail(herald, "quarantined")).contains("X-Herald-Dmarc-Quarantine")
                .containsPattern("dmarc=fail \\(p=quarantine dis=quarantine\\) header.from=quarantine.example");
            assertThat(inboxMail(herald, "sampled out")).contains("X-Herald-Dmarc-Quarantine")
                .containsPattern("dmarc=fail \\(p=reject dis=quarantine[^)]*sampled_out[^)]*\\) header.from=sampled.example");
            assertThat(inboxMail(herald, "subdomain")).doesNotContain("X-Herald-Dmarc-Quarantine")
                .containsPattern("dmarc=fail \\([^)]*dis=none[^)]*\\) header.from=sub.parent.example");
            assertThat(inboxMail(herald, "relaxed spf")).containsPattern("spf=pass").containsPattern("dmarc=pass[^;\"]*header.from=spfok.example");
            assertThat(inboxMail(herald, "strict dkim")).containsPattern("dkim=pass[^;]*header.d=signed.example")
                .containsPattern("dmarc=pass[^;\"]*header.from=signed.example");
            assertThat(herald.metric("herald_dmarc_rejected_total")).isEqualTo(2);
            assertThat(herald.metric("herald_dmarc_quarantined_total")).isEqualTo(2);
            assertThat(herald.metric("herald_dmarc_rows_lost_total")).isLessThanOrEqualTo(0);
        }
    }
}
