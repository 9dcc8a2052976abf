package org.herald.core.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.herald.core.dkim.DkimResult;
import org.herald.core.dmarc.outgoing.OutgoingReportDecision;
import org.herald.core.dmarc.outgoing.OutgoingReportPlanner;
import org.herald.core.dmarc.outgoing.OutgoingReportSettings;
import org.herald.core.dmarc.report.AggregateReportParser;
import org.herald.core.dmarc.report.ExternalReportAuthorization;
import org.herald.core.spf.SpfResult;
import org.junit.jupiter.api.Test;

class OutgoingReportPlannerTest {
    private static final Instant DAY = Instant.parse("2026-11-24T00:00:00Z");
    private static final OutgoingReportSettings SETTINGS = new OutgoingReportSettings(true, "herald.test", "postmaster@herald.test",
        Set.of("excluded.example"), 10);

    private final InMemoryDmarcEvaluationStore rows = new InMemoryDmarcEvaluationStore();
    private final FakeTxtLookup dns = new FakeTxtLookup();
    private final OrganizationalDomains organizations = new OrganizationalDomains();
    private final ExternalReportAuthorization authorization = new ExternalReportAuthorization(dns,
        (policy, rua) -> organizations.organizationalDomain(policy).equals(organizations.organizationalDomain(rua)));

    private void evaluated(String domain, String... rua) {
        List<DmarcReportUri> uris = java.util.Arrays.stream(rua).map(DmarcReportUri::parse).toList();
        DmarcPublishedPolicy policy = new DmarcPublishedPolicy(domain, AlignmentMode.RELAXED, AlignmentMode.RELAXED, DmarcPolicy.REJECT,
            Optional.empty(), Optional.empty(), 100, "0", uris);
        rows.record(new DmarcEvaluationRow(DAY, "192.0.2.1", domain, domain, Optional.empty(), policy, DmarcPolicy.NONE, true, true,
            List.of(), List.of(new DmarcEvaluationRow.DkimAuth(domain, "s1", DkimResult.PASS)),
            Optional.of(new DmarcEvaluationRow.SpfAuth(domain, DmarcEvaluationRow.SpfScope.MFROM, SpfResult.PASS)), 7));
    }

    private OutgoingReportPlanner planner(OutgoingReportSettings settings) {
        return new OutgoingReportPlanner(rows, authorization, settings);
    }

    private static byte[] gunzip(byte[] gzipped) throws java.io.IOException {
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }

    @Test
    void aReportGoesToTheDomainsOwnRuaAsAnAttachmentNamedByTheRfc() throws Exception {
        evaluated("example.com", "mailto:dmarc@example.com");

        OutgoingReportDecision decision = planner(SETTINGS).plan(DAY).get(0);

        OutgoingReportDecision.Send send = (OutgoingReportDecision.Send) decision;
        assertThat(send.recipients()).containsExactly("dmarc@example.com");
        assertThat(send.fileName()).isEqualTo("herald.test!example.com!" + DAY.getEpochSecond() + "!" + (DAY.getEpochSecond() + 86_400) + ".xml.gz");
        assertThat(send.subject()).startsWith("Report Domain: example.com Submitter: herald.test Report-ID: ");
        assertThat(new AggregateReportParser().parse(gunzip(send.gzipped())).messageCount()).isEqualTo(7);
    }

    @Test
    void withoutADomainNameToReportAsNothingIsSentAndTheFixIsNamed() {
        evaluated("example.com", "mailto:dmarc@example.com");

        OutgoingReportDecision decision = planner(new OutgoingReportSettings(true, "localhost", "postmaster@localhost", Set.of(), 10))
            .plan(DAY).get(0);

        assertThat(decision).isInstanceOf(OutgoingReportDecision.Skipped.class);
        assertThat(((OutgoingReportDecision.Skipped) decision).reason()).contains("no domain name to report as (\"localhost\")")
            .contains("orgName and email of <reports> in conf/dmarc.xml");
    }

    @Test
    void aForeignRuaNeedsTheAuthorisationRecord() {
        evaluated("example.com", "mailto:reports@dmarc-vendor.example", "mailto:dmarc@example.com");
        evaluated("other.example", "mailto:reports@dmarc-vendor.example");

        List<OutgoingReportDecision> decisions = planner(SETTINGS).plan(DAY);

        OutgoingReportDecision.Send send = (OutgoingReportDecision.Send) decisions.stream()
            .filter(decision -> decision.policyDomain().equals("example.com")).findFirst().orElseThrow();
        assertThat(send.recipients()).containsExactly("dmarc@example.com");
        assertThat(send.skipped()).singleElement().asString().startsWith("reports@dmarc-vendor.example");
        assertThat(decisions).filteredOn(decision -> decision.policyDomain().equals("other.example"))
            .singleElement().isInstanceOf(OutgoingReportDecision.Skipped.class);

        dns.records("other.example._report._dmarc.dmarc-vendor.example", "v=DMARC1");
        assertThat(planner(SETTINGS).plan("other.example", DAY)).isInstanceOf(OutgoingReportDecision.Send.class);
    }

    @Test
    void sizeCapsExclusionsTheBudgetAndTheSwitchAreHonoured() {
        evaluated("small.example", "mailto:dmarc@small.example!10");
        evaluated("excluded.example", "mailto:dmarc@excluded.example");
        evaluated("a.example", "mailto:dmarc@a.example");
        evaluated("b.example", "mailto:dmarc@b.example");
        evaluated("none.example");

        List<OutgoingReportDecision> decisions = planner(new OutgoingReportSettings(true, "herald.test", "postmaster@herald.test",
            Set.of("excluded.example"), 1)).plan(DAY);

        assertThat(decisions).extracting(OutgoingReportDecision::policyDomain)
            .containsExactly("a.example", "b.example", "excluded.example", "none.example", "small.example");
        assertThat(decisions.get(0)).isInstanceOf(OutgoingReportDecision.Send.class);
        assertThat(((OutgoingReportDecision.Skipped) decisions.get(1)).reason()).contains("daily budget of 1");
        assertThat(((OutgoingReportDecision.Skipped) decisions.get(2)).reason()).contains("excluded");
        assertThat(((OutgoingReportDecision.Skipped) decisions.get(3)).reason()).contains("no rua=");
        assertThat(((OutgoingReportDecision.Skipped) decisions.get(4)).reason()).contains("exceeds its !size of 10");

        assertThat(planner(new OutgoingReportSettings(false, "herald.test", "postmaster@herald.test", Set.of(), 10)).plan(DAY))
            .allSatisfy(decision -> assertThat(((OutgoingReportDecision.Skipped) decision).reason()).contains("switched off"));
    }
}
