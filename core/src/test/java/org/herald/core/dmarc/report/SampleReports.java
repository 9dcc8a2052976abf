package org.herald.core.dmarc.report;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.herald.core.dmarc.AlignmentMode;
import org.herald.core.dmarc.DmarcPolicy;

/** Reports built in code for the writer and round-trip tests: every optional field used at least once. */
final class SampleReports {
    private SampleReports() {
    }

    static AggregateReport full() {
        ReportMetadata metadata = new ReportMetadata("herald.example", "dmarc-reports@herald.example",
            Optional.of("https://herald.example/dmarc"), "herald.example!example.org!1763856000!1763942400",
            new DateRange(Instant.ofEpochSecond(1763856000L), Instant.ofEpochSecond(1763942400L)),
            List.of("one DNS lookup of _dmarc.example.org timed out"));
        PolicyPublished policy = new PolicyPublished("example.org", AlignmentMode.STRICT, AlignmentMode.RELAXED,
            DmarcPolicy.QUARANTINE, Optional.of(DmarcPolicy.REJECT), 50, Optional.of("1:d"), Optional.empty());
        ReportRecord aligned = new ReportRecord(
            new Row(ip("192.0.2.25"), 1204,
                new PolicyEvaluated(DmarcPolicy.NONE, DmarcResult.PASS, DmarcResult.PASS, List.of())),
            new Identifiers(Optional.of("herald.example"), Optional.of("example.org"), "example.org"),
            new AuthResults(
                List.of(new DkimAuthResult("example.org", Optional.of("herald2026a"), DkimResult.PASS, Optional.empty()),
                    new DkimAuthResult("esp.example", Optional.of("s1"), DkimResult.PASS,
                        Optional.of("signed by the ESP too"))),
                List.of(new SpfAuthResult("example.org", Optional.of(SpfScope.MFROM), SpfResult.PASS))));
        ReportRecord forwarded = new ReportRecord(
            new Row(ip("2001:db8::8a"), 17,
                new PolicyEvaluated(DmarcPolicy.NONE, DmarcResult.PASS, DmarcResult.FAIL,
                    List.of(new PolicyOverrideReason(PolicyOverride.FORWARDED, Optional.of("list <dev> & \"friends\"")),
                        new PolicyOverrideReason(PolicyOverride.SAMPLED_OUT, Optional.empty())))),
            new Identifiers(Optional.empty(), Optional.of("lists.example.net"), "example.org"),
            new AuthResults(
                List.of(new DkimAuthResult("example.org", Optional.empty(), DkimResult.PASS, Optional.empty())),
                List.of(new SpfAuthResult("lists.example.net", Optional.of(SpfScope.HELO), SpfResult.SOFTFAIL))));
        ReportRecord spoofed = new ReportRecord(
            new Row(ip("203.0.113.66"), 3,
                new PolicyEvaluated(DmarcPolicy.QUARANTINE, DmarcResult.FAIL, DmarcResult.FAIL, List.of())),
            new Identifiers(Optional.empty(), Optional.of("spoofer.example"), "example.org"),
            new AuthResults(List.of(),
                List.of(new SpfAuthResult("spoofer.example", Optional.of(SpfScope.MFROM), SpfResult.FAIL))));
        return new AggregateReport(metadata, policy, List.of(aligned, forwarded, spoofed));
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(literal, e);
        }
    }
}
