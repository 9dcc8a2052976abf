package org.herald.core.dmarc.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.xml.transform.stream.StreamSource;

import org.herald.core.dkim.DkimResult;
import org.herald.core.dmarc.AlignmentMode;
import org.herald.core.dmarc.DmarcEvaluationRow;
import org.herald.core.dmarc.DmarcOverrideReason;
import org.herald.core.dmarc.DmarcOverrideType;
import org.herald.core.dmarc.DmarcPolicy;
import org.herald.core.dmarc.DmarcPublishedPolicy;
import org.herald.core.dmarc.DmarcReportUri;
import org.herald.core.spf.SpfResult;
import org.junit.jupiter.api.Test;

class AggregateReportBuilderTest {
    private static final Instant DAY = Instant.parse("2026-11-24T00:00:00Z");
    private static final Instant NEXT_DAY = DAY.plus(Duration.ofDays(1));
    private static final DmarcPublishedPolicy POLICY = new DmarcPublishedPolicy("example.com", AlignmentMode.RELAXED,
        AlignmentMode.STRICT, DmarcPolicy.REJECT, Optional.of(DmarcPolicy.QUARANTINE), Optional.empty(), 50, "1",
        List.of(new DmarcReportUri(URI.create("mailto:dmarc@example.com"), Optional.empty())));

    private static DmarcEvaluationRow row(String ip, boolean pass, long count) {
        return new DmarcEvaluationRow(DAY, ip, "example.com", pass ? "example.com" : "", Optional.of("herald.test"), POLICY,
            pass ? DmarcPolicy.NONE : DmarcPolicy.QUARANTINE, pass, false,
            pass ? List.of() : List.of(new DmarcOverrideReason(DmarcOverrideType.SAMPLED_OUT, "pct=50")),
            List.of(new DmarcEvaluationRow.DkimAuth("example.com", "h202611e", pass ? DkimResult.PASS : DkimResult.FAIL)),
            Optional.of(new DmarcEvaluationRow.SpfAuth(pass ? "example.com" : "helo.example",
                pass ? DmarcEvaluationRow.SpfScope.MFROM : DmarcEvaluationRow.SpfScope.HELO, pass ? SpfResult.PASS : SpfResult.SOFTFAIL)),
            count);
    }

    @Test
    void theRecordedRowsBecomeAReportThatValidatesAndParsesBackToTheSameCounts() throws Exception {
        List<DmarcEvaluationRow> rows = List.of(row("192.0.2.1", true, 41), row("2001:db8::7", false, 3));

        AggregateReport report = new AggregateReportBuilder("herald.test", "postmaster@herald.test")
            .build(rows, DAY, NEXT_DAY, "example.com." + DAY.getEpochSecond());
        String xml = new AggregateReportWriter().xml(report);

        assertThatCode(() -> AggregateReportWriterTest.appendixC().newValidator().validate(new StreamSource(new StringReader(xml))))
            .doesNotThrowAnyException();
        AggregateReport parsed = new AggregateReportParser().parse(new AggregateReportWriter().utf8(report));
        assertThat(parsed).isEqualTo(report);
        assertThat(parsed.messageCount()).isEqualTo(44);
        assertThat(parsed.policy().domain()).isEqualTo("example.com");
        assertThat(parsed.policy().pct()).isEqualTo(50);
        ReportRecord failing = parsed.records().get(1);
        assertThat(failing.row().policyEvaluated().disposition()).isEqualTo(DmarcPolicy.QUARANTINE);
        assertThat(failing.row().policyEvaluated().reasons()).extracting(PolicyOverrideReason::type).containsExactly(PolicyOverride.SAMPLED_OUT);
        assertThat(failing.identifiers().envelopeFrom()).isEmpty();
        assertThat(failing.authResults().spf()).singleElement().extracting(SpfAuthResult::scope).isEqualTo(Optional.of(SpfScope.HELO));
    }

    @Test
    void aReportCoversOnePolicyDomainAndAtLeastOneMessage() {
        AggregateReportBuilder builder = new AggregateReportBuilder("herald.test", "postmaster@herald.test");

        assertThatThrownBy(() -> builder.build(List.of(), DAY, NEXT_DAY, "id")).hasMessageContaining("at least one");
        DmarcEvaluationRow other = new DmarcEvaluationRow(DAY, "192.0.2.1", "example.org", "", Optional.empty(),
            new DmarcPublishedPolicy("example.org", AlignmentMode.RELAXED, AlignmentMode.RELAXED, DmarcPolicy.NONE,
                Optional.empty(), Optional.empty(), 100, "0", List.of()),
            DmarcPolicy.NONE, true, true, List.of(), List.of(), Optional.empty(), 1);
        assertThatThrownBy(() -> builder.build(List.of(row("192.0.2.1", true, 1), other), DAY, NEXT_DAY, "id"))
            .hasMessageContaining("one policy domain");
    }
}
