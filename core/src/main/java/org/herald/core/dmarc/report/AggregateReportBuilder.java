package org.herald.core.dmarc.report;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.herald.core.dmarc.DmarcEvaluationRow;
import org.herald.core.dmarc.DmarcPublishedPolicy;

/**
 * Turns the evaluations Herald recorded for one policy domain over one period into the aggregate report it sends to
 * that domain's rua= addresses (RFC 7489 §7.2): one {@code <record>} per stored row, the policy as it was published
 * when the latest of those rows was evaluated.
 */
public final class AggregateReportBuilder {
    private final String orgName;
    private final String email;

    /**
     * @param orgName the reporting organisation (Herald's default domain, or conf/dmarc.xml's)
     * @param email   where report recipients can write back
     */
    public AggregateReportBuilder(String orgName, String email) {
        this.orgName = Objects.requireNonNull(orgName, "orgName");
        this.email = Objects.requireNonNull(email, "email");
    }

    /**
     * @param rows     the rows of one policy domain, all of the period [begin, end); at least one
     * @param reportId unique per report and reporter, e.g. {@code <policy-domain>.<begin epoch seconds>}
     */
    public AggregateReport build(List<DmarcEvaluationRow> rows, Instant begin, Instant end, String reportId) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("An aggregate report needs at least one evaluated message");
        }
        String domain = rows.get(0).policyDomain();
        if (rows.stream().anyMatch(row -> !row.policyDomain().equals(domain))) {
            throw new IllegalArgumentException("An aggregate report covers one policy domain, not several");
        }
        DmarcPublishedPolicy published = rows.get(rows.size() - 1).published();
        PolicyPublished policy = new PolicyPublished(published.domain(), published.adkim(), published.aspf(), published.p(),
            published.sp(), published.pct(), Optional.of(published.fo()), published.np());
        ReportMetadata metadata = new ReportMetadata(orgName, email, Optional.empty(), reportId, new DateRange(begin, end), List.of());
        return new AggregateReport(metadata, policy, rows.stream().map(AggregateReportBuilder::record).toList());
    }

    private static ReportRecord record(DmarcEvaluationRow row) {
        PolicyEvaluated evaluated = new PolicyEvaluated(row.disposition(), row.dkimAligned() ? DmarcResult.PASS : DmarcResult.FAIL,
            row.spfAligned() ? DmarcResult.PASS : DmarcResult.FAIL,
            row.reasons().stream()
                .map(reason -> new PolicyOverrideReason(PolicyOverride.fromToken(reason.type().reportValue()).orElse(PolicyOverride.OTHER),
                    reason.comment().isEmpty() ? Optional.empty() : Optional.of(reason.comment())))
                .toList());
        Identifiers identifiers = new Identifiers(row.envelopeTo(),
            row.envelopeFrom().isEmpty() ? Optional.empty() : Optional.of(row.envelopeFrom()), row.headerFrom());
        List<DkimAuthResult> dkim = row.dkim().stream()
            .map(signature -> new DkimAuthResult(signature.domain(),
                signature.selector().isEmpty() ? Optional.empty() : Optional.of(signature.selector()),
                DkimResult.fromToken(signature.result().authResultsValue()).orElse(DkimResult.NEUTRAL), Optional.empty()))
            .toList();
        List<SpfAuthResult> spf = row.spf()
            .map(check -> List.of(new SpfAuthResult(check.domain(), SpfScope.fromToken(check.scope().reportValue()),
                SpfResult.fromToken(check.result().authResultsValue()).orElse(SpfResult.TEMPERROR))))
            .orElse(List.of());
        return new ReportRecord(new Row(address(row.sourceIp()), row.count(), evaluated), identifiers, new AuthResults(dkim, spf));
    }

    /** The stored source is an IP literal (never a name): parsing it does no lookup. */
    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("A stored DMARC row has no IP address as its source: " + literal, e);
        }
    }
}
