package org.herald.core.dmarc.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.herald.core.dmarc.AlignmentMode;
import org.herald.core.dmarc.DmarcPolicy;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

class AggregateReportParserTest {
    private final AggregateReportParser parser = new AggregateReportParser();

    private static final String METADATA = """
          <report_metadata>
            <org_name>receiver.example</org_name>
            <email>dmarc@receiver.example</email>
            <report_id>r-1</report_id>
            <date_range><begin>1700006400</begin><end>1700092800</end></date_range>
          </report_metadata>
        """;
    private static final String POLICY = """
          <policy_published><domain>example.org</domain><p>reject</p></policy_published>
        """;

    private static String record(String sourceIp, String count) {
        return "<record><row><source_ip>" + sourceIp + "</source_ip><count>" + count + "</count>"
            + "<policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>pass</spf></policy_evaluated>"
            + "</row><identifiers><header_from>example.org</header_from></identifiers>"
            + "<auth_results><spf><domain>example.org</domain><result>pass</result></spf></auth_results></record>";
    }

    private AggregateReport parse(String xml) {
        return parser.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAMinimalReportWithDefaultsForWhatIsMissing() {
        AggregateReport report = parse("<feedback>" + METADATA + POLICY + record("192.0.2.1", "7") + "</feedback>");

        assertThat(report.policy().adkim()).isEqualTo(AlignmentMode.RELAXED);
        assertThat(report.policy().pct()).isEqualTo(100);
        assertThat(report.policy().sp()).isEmpty();
        assertThat(report.policy().effectiveSp()).isEqualTo(DmarcPolicy.REJECT);
        assertThat(report.records()).hasSize(1);
        assertThat(report.records().get(0).row().count()).isEqualTo(7);
        assertThat(report.records().get(0).authResults().spf().get(0).scope()).isEmpty();
    }

    @Test
    void aReportWithoutRecordsIsAcceptedAndEmpty() {
        AggregateReport report = parse("<feedback>" + METADATA + POLICY + "</feedback>");

        assertThat(report.records()).isEmpty();
        assertThat(report.messageCount()).isZero();
    }

    @Test
    void htmlIsNotAReport() {
        assertThatThrownBy(() -> parse("<html><body><h1>Your mailbox is full</h1></body></html>"))
            .isInstanceOf(InvalidReportException.class)
            .hasMessage("not a DMARC aggregate report: root element <html>");
    }

    @Test
    void truncatedXmlIsRefusedWithItsPosition() {
        String whole = "<feedback>" + METADATA + POLICY + record("192.0.2.1", "7") + "</feedback>";

        assertThatThrownBy(() -> parse(whole.substring(0, whole.length() / 2)))
            .isInstanceOf(InvalidReportException.class)
            .hasMessageStartingWith("not well-formed XML");
    }

    @Test
    void emptyInputIsRefused() {
        assertThatThrownBy(() -> parser.parse(new byte[0]))
            .isInstanceOf(InvalidReportException.class)
            .hasMessageStartingWith("not well-formed XML");
    }

    @Test
    void aDtdWithExternalEntitiesIsRefusedWithoutFetchingAnything() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "<!ENTITY leaked \"secret\">".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            String xml = "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE feedback SYSTEM \"" + base + "/feedback.dtd\" [\n"
                + "  <!ENTITY xxe SYSTEM \"" + base + "/secret\">\n"
                + "  <!ENTITY local SYSTEM \"file:///etc/passwd\">\n"
                + "]>\n"
                + "<feedback><report_metadata><org_name>&xxe;&local;</org_name></report_metadata></feedback>";

            assertThatThrownBy(() -> parse(xml))
                .isInstanceOf(InvalidReportException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("root:");
            assertThat(requests).as("HTTP requests made by the parser").hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void entityExpansionIsRefused() {
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
            + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
            + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
            + "<feedback><report_metadata><org_name>&lol3;</org_name></report_metadata></feedback>";

        assertThatThrownBy(() -> parse(laughs))
            .isInstanceOf(InvalidReportException.class)
            .hasMessageContaining("DOCTYPE");
    }

    @Test
    void aRecordWithoutSourceIpIsNamedByItsNumber() {
        String broken = "<record><row><count>1</count><policy_evaluated><disposition>none</disposition>"
            + "<dkim>pass</dkim><spf>pass</spf></policy_evaluated></row>"
            + "<identifiers><header_from>example.org</header_from></identifiers></record>";

        assertThatThrownBy(() -> parse("<feedback>" + METADATA + POLICY + record("192.0.2.1", "1")
            + record("192.0.2.2", "1") + broken + "</feedback>"))
            .isInstanceOf(InvalidReportException.class)
            .hasMessage("record 3: <row> has no <source_ip>");
    }

    @Test
    void aCountThatIsNotANumberIsRefused() {
        assertThatThrownBy(() -> parse("<feedback>" + METADATA + POLICY + record("192.0.2.1", "abc") + "</feedback>"))
            .isInstanceOf(InvalidReportException.class)
            .hasMessage("record 1: count 'abc' is not a number");
    }

    @Test
    void aSourceIpThatIsAHostNameIsRefusedWithoutResolvingIt() {
        assertThatThrownBy(() -> parse("<feedback>" + METADATA + POLICY + record("attacker.example", "1")
            + "</feedback>"))
            .isInstanceOf(InvalidReportException.class)
            .hasMessage("record 1: source_ip 'attacker.example' is not an IP address");
    }

    @Test
    void reportsWithoutIdentityOrPolicyDomainAreRefused() {
        String noId = METADATA.replace("<report_id>r-1</report_id>", "");
        String noOrg = METADATA.replace("<org_name>receiver.example</org_name>", "<org_name>  </org_name>");
        String noDomain = POLICY.replace("<domain>example.org</domain>", "");

        assertThatThrownBy(() -> parse("<feedback>" + noId + POLICY + "</feedback>"))
            .hasMessage("<report_metadata> has no <report_id>");
        assertThatThrownBy(() -> parse("<feedback>" + noOrg + POLICY + "</feedback>"))
            .hasMessage("<report_metadata> has no <org_name>");
        assertThatThrownBy(() -> parse("<feedback>" + METADATA + noDomain + "</feedback>"))
            .hasMessage("<policy_published> has no <domain>");
        assertThatThrownBy(() -> parse("<feedback>" + POLICY + "</feedback>"))
            .hasMessage("not a DMARC aggregate report: <feedback> has no <report_metadata>");
    }

    @Test
    void unknownEnumerationValuesAreRefusedWithTheAllowedOnes() {
        String xml = "<feedback>" + METADATA + POLICY.replace("<p>reject</p>", "<p>block</p>") + "</feedback>";

        assertThatThrownBy(() -> parse(xml))
            .hasMessage("<policy_published><p> 'block' is not one of none, quarantine, reject");
    }

    @Test
    void enumerationsAreReadWhateverTheirCaseAndCommonAliases() {
        String xml = "<feedback>" + METADATA + POLICY.replace("<p>reject</p>", "<p> REJECT </p><adkim>Strict</adkim>")
            + "<record><row><source_ip>192.0.2.1</source_ip><count>1</count><policy_evaluated>"
            + "<disposition>Quarantine</disposition><dkim>FAIL</dkim><spf>Pass</spf>"
            + "<reason><type>Mailing-List</type></reason><reason><type>vendor_specific</type><comment>x</comment></reason>"
            + "</policy_evaluated></row><identifiers><header_from>Example.ORG</header_from></identifiers>"
            + "<auth_results><dkim><domain>example.org</domain><result>TempError</result></dkim>"
            + "<spf><domain>example.org</domain><scope>MFROM</scope><result>unknown</result></spf>"
            + "<spf><domain>example.org</domain><result>error</result></spf></auth_results></record></feedback>";

        AggregateReport report = parse(xml);

        ReportRecord record = report.records().get(0);
        assertThat(report.policy().p()).isEqualTo(DmarcPolicy.REJECT);
        assertThat(report.policy().adkim()).isEqualTo(AlignmentMode.STRICT);
        assertThat(record.row().policyEvaluated().disposition()).isEqualTo(DmarcPolicy.QUARANTINE);
        assertThat(record.row().policyEvaluated().reasons()).extracting(PolicyOverrideReason::type)
            .containsExactly(PolicyOverride.MAILING_LIST, PolicyOverride.OTHER);
        assertThat(record.identifiers().headerFrom()).isEqualTo("example.org");
        assertThat(record.authResults().dkim().get(0).result()).isEqualTo(DkimResult.TEMPERROR);
        assertThat(record.authResults().spf()).extracting(SpfAuthResult::result)
            .containsExactly(SpfResult.TEMPERROR, SpfResult.PERMERROR);
    }

    @Test
    void aRecordStuffedWithElementsIsRefused() {
        String stuffed = "<record><row><source_ip>192.0.2.1</source_ip></row><auth_results>"
            + "<dkim><domain>x</domain><result>pass</result></dkim>".repeat(5000) + "</auth_results></record>";

        assertThatThrownBy(() -> parse("<feedback>" + METADATA + POLICY + stuffed + "</feedback>"))
            .isInstanceOf(InvalidReportException.class)
            .hasMessage("record 1: <record> has more than 10000 elements, which no DMARC report needs");
    }

    @Test
    void deeplyNestedElementsAreRefused() {
        String deep = "<a>".repeat(50) + "</a>".repeat(50);

        assertThatThrownBy(() -> parse("<feedback>" + METADATA + "<record>" + deep + "</record></feedback>"))
            .isInstanceOf(InvalidReportException.class)
            .hasMessage("elements are nested deeper than 12 levels, which no DMARC report does");
    }

    @Test
    void theRecordLimitIsEnforced() {
        AggregateReportParser small = new AggregateReportParser(2);
        String xml = "<feedback>" + METADATA + POLICY + record("192.0.2.1", "1") + record("192.0.2.2", "1")
            + record("192.0.2.3", "1") + "</feedback>";

        assertThatThrownBy(() -> small.parse(xml.getBytes(StandardCharsets.UTF_8)))
            .hasMessage("the report has more than 2 records, the limit for one report");
    }
}
