package org.herald.core.dmarc.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

import org.herald.core.dns.TxtAnswer;
import org.herald.core.dns.TxtLookup;
import org.herald.core.dns.TxtRecord;
import org.junit.jupiter.api.Test;

class ExternalReportAuthorizationTest {
    /** Stand-in for the organisational-domain check: the last two labels. */
    private static final BiPredicate<String, String> LAST_TWO_LABELS = (a, b) -> lastTwo(a).equals(lastTwo(b));

    private final List<String> queried = new ArrayList<>();

    private TxtLookup dns(Map<String, TxtAnswer> answers) {
        return name -> {
            queried.add(name);
            return answers.getOrDefault(name, new TxtAnswer.NoRecord(name, "NXDOMAIN"));
        };
    }

    @Test
    void sameOrganisationNeedsNoLookup() {
        ExternalReportAuthorization check = new ExternalReportAuthorization(dns(Map.of()), LAST_TWO_LABELS);

        DestinationAuthorization result = check.check("example.org", "reports.example.org");

        assertThat(result.verdict()).isEqualTo(DestinationAuthorization.Verdict.SAME_ORGANISATION);
        assertThat(result.authorised()).isTrue();
        assertThat(queried).isEmpty();
    }

    @Test
    void anotherOrganisationWithTheRecordIsAuthorised() {
        String name = "example.org._report._dmarc.dmarc-service.example";
        ExternalReportAuthorization check = new ExternalReportAuthorization(dns(Map.of(name,
            new TxtAnswer.Records(List.of(TxtRecord.of("google-site-verification=abc"), TxtRecord.of("v=DMARC1", ";"))))),
            LAST_TWO_LABELS);

        DestinationAuthorization result = check.check("Example.ORG.", "dmarc-service.example");

        assertThat(result.verdict()).isEqualTo(DestinationAuthorization.Verdict.AUTHORISED_BY_RECORD);
        assertThat(result.authorised()).isTrue();
        assertThat(result.queriedName()).contains(name);
        assertThat(result.record()).contains("v=DMARC1;");
        assertThat(queried).containsExactly(name);
    }

    @Test
    void anotherOrganisationWithoutTheRecordIsNotAuthorised() {
        ExternalReportAuthorization check = new ExternalReportAuthorization(dns(Map.of()), LAST_TWO_LABELS);

        DestinationAuthorization result = check.check("example.org", "victim.example");

        assertThat(result.verdict()).isEqualTo(DestinationAuthorization.Verdict.NOT_AUTHORISED);
        assertThat(result.authorised()).isFalse();
        assertThat(result.retryLater()).isFalse();
        assertThat(result.reason()).contains("example.org._report._dmarc.victim.example", "no TXT record");
    }

    @Test
    void recordsThatDoNotStartWithVDmarc1DoNotAuthorise() {
        String name = "example.org._report._dmarc.victim.example";
        for (String value : List.of("v=spf1 -all", "v=DMARC10", "v=dmarc1", "x v=DMARC1", "")) {
            ExternalReportAuthorization check = new ExternalReportAuthorization(
                dns(Map.of(name, new TxtAnswer.Records(List.of(TxtRecord.of(value))))), LAST_TWO_LABELS);

            assertThat(check.check("example.org", "victim.example").verdict()).as(value)
                .isEqualTo(DestinationAuthorization.Verdict.NOT_AUTHORISED);
        }
        ExternalReportAuthorization spaced = new ExternalReportAuthorization(
            dns(Map.of(name, new TxtAnswer.Records(List.of(TxtRecord.of("V = DMARC1 ; rua=mailto:x@victim.example"))))),
            LAST_TWO_LABELS);
        assertThat(spaced.check("example.org", "victim.example").authorised()).isTrue();
    }

    @Test
    void aDnsFailureMeansTryLaterNotNo() {
        String name = "example.org._report._dmarc.victim.example";
        ExternalReportAuthorization check = new ExternalReportAuthorization(
            dns(Map.of(name, new TxtAnswer.Failure(name, "SERVFAIL"))), LAST_TWO_LABELS);

        DestinationAuthorization result = check.check("example.org", "victim.example");

        assertThat(result.verdict()).isEqualTo(DestinationAuthorization.Verdict.LOOKUP_FAILED);
        assertThat(result.authorised()).isFalse();
        assertThat(result.retryLater()).isTrue();
        assertThat(result.reason()).contains("SERVFAIL", "try later");
    }

    private static String lastTwo(String domain) {
        String[] labels = domain.split("\\.");
        return labels.length < 2 ? domain : labels[labels.length - 2] + "." + labels[labels.length - 1];
    }
}
