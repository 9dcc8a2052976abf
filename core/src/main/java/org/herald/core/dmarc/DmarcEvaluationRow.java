package org.herald.core.dmarc;

import java.net.InetAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.herald.core.dkim.DkimResult;
import org.herald.core.greylist.Cidr;
import org.herald.core.spf.SpfResult;

/**
 * What one evaluation contributes to an aggregate report (RFC 7489 Appendix C): a {@code <record>} row and the
 * {@code <policy_published>} it is reported under. Identical evaluations in one reporting period add up in
 * {@code count}, so a store keeps one row per distinct combination; everything but {@code count} is the row's
 * identity.
 *
 * @param periodStart      the start of the reporting period, a UTC day
 * @param sourceIp         the connecting client, canonical text (192.0.2.1, 2001:db8::1)
 * @param headerFrom       the From domain
 * @param envelopeFrom     the MAIL FROM domain; "" for the null sender
 * @param envelopeTo       the recipient domain, when recorded
 * @param published        the policy the row is reported under; its domain picks the report
 * @param disposition      what was applied
 * @param dkimAligned      whether DKIM passed aligned (the report's policy_evaluated dkim pass/fail)
 * @param spfAligned       whether SPF passed aligned (the report's policy_evaluated spf pass/fail)
 * @param reasons          why the disposition differs from the policy (sampled_out, trusted_forwarder, …)
 * @param dkim             every DKIM signature's domain, selector and result (auth_results)
 * @param spf              the SPF check's domain, scope and result (auth_results); empty when SPF was not checked
 * @param count            how many messages this row stands for, at least 1
 */
public record DmarcEvaluationRow(Instant periodStart, String sourceIp, String headerFrom, String envelopeFrom,
                                 Optional<String> envelopeTo, DmarcPublishedPolicy published, DmarcPolicy disposition,
                                 boolean dkimAligned, boolean spfAligned, List<DmarcOverrideReason> reasons,
                                 List<DkimAuth> dkim, Optional<SpfAuth> spf, long count) {

    /** One DKIM signature as auth_results reports it. */
    public record DkimAuth(String domain, String selector, DkimResult result) {
        public DkimAuth {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(selector, "selector");
            Objects.requireNonNull(result, "result");
        }
    }

    /** The SPF check as auth_results reports it: which identity (MAIL FROM or HELO) and the result. */
    public record SpfAuth(String domain, SpfScope scope, SpfResult result) {
        public SpfAuth {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(result, "result");
        }
    }

    /** The identity SPF checked: RFC 7489's SPFDomainScope. */
    public enum SpfScope {
        MFROM, HELO;

        public String reportValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DmarcEvaluationRow {
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(headerFrom, "headerFrom");
        Objects.requireNonNull(envelopeFrom, "envelopeFrom");
        Objects.requireNonNull(envelopeTo, "envelopeTo");
        Objects.requireNonNull(published, "published");
        Objects.requireNonNull(disposition, "disposition");
        reasons = List.copyOf(reasons);
        dkim = List.copyOf(dkim);
        Objects.requireNonNull(spf, "spf");
        if (!periodStart.equals(periodStart.truncatedTo(ChronoUnit.DAYS))) {
            throw new IllegalArgumentException("a reporting period starts at 00:00 UTC, not " + periodStart);
        }
        if (count < 1) {
            throw new IllegalArgumentException("a row stands for at least one message, not " + count);
        }
    }

    /**
     * The row for one evaluated message, or empty when there is nothing to report: no policy was found (none,
     * temperror, permerror), so there is no domain to send the row to.
     *
     * @param evaluatedAt when the message was evaluated; its UTC day is the period
     */
    public static Optional<DmarcEvaluationRow> of(DmarcInput input, DmarcEvaluation evaluation,
                                                  Optional<String> envelopeTo, Instant evaluatedAt) {
        if (evaluation.publishedPolicy().isEmpty()) {
            return Optional.empty();
        }
        List<DkimAuth> dkim = input.dkim().stream()
            .map(signature -> new DkimAuth(signature.domain().toLowerCase(Locale.ROOT), signature.selector(),
                signature.result()))
            .toList();
        Optional<SpfAuth> spf = input.spf().map(outcome -> new SpfAuth(outcome.domain().toLowerCase(Locale.ROOT),
            input.envelopeFromDomain().isEmpty() ? SpfScope.HELO : SpfScope.MFROM, outcome.result()));
        return Optional.of(new DmarcEvaluationRow(periodOf(evaluatedAt), format(input.sourceIp()),
            evaluation.headerFromDomain(), input.envelopeFromDomain().toLowerCase(Locale.ROOT),
            envelopeTo.map(domain -> domain.toLowerCase(Locale.ROOT)), evaluation.publishedPolicy().get(),
            evaluation.disposition(), evaluation.dkimAligned(), evaluation.spfAligned(), evaluation.reportedReasons(),
            dkim, spf, 1));
    }

    /** The reporting period (UTC day) an instant falls in. */
    public static Instant periodOf(Instant instant) {
        return instant.truncatedTo(ChronoUnit.DAYS);
    }

    /** The policy domain, whose rua= the row is reported to. */
    public String policyDomain() {
        return published.domain();
    }

    /** This row with another count; {@code withCount(0)} is refused. */
    public DmarcEvaluationRow withCount(long newCount) {
        return new DmarcEvaluationRow(periodStart, sourceIp, headerFrom, envelopeFrom, envelopeTo, published, disposition,
            dkimAligned, spfAligned, reasons, dkim, spf, newCount);
    }

    /** This row with the disposition Herald applied (conf/dmarc.xml may soften reject to quarantine). */
    public DmarcEvaluationRow withDisposition(DmarcPolicy applied) {
        return new DmarcEvaluationRow(periodStart, sourceIp, headerFrom, envelopeFrom, envelopeTo, published, applied,
            dkimAligned, spfAligned, reasons, dkim, spf, count);
    }

    /** Whether {@code other} is the same row, counts aside: the rows a store adds up. */
    public boolean sameIdentity(DmarcEvaluationRow other) {
        return withCount(1).equals(other.withCount(1));
    }

    private static String format(InetAddress address) {
        return Cidr.format(address);
    }
}
