package org.herald.core.dmarc;

import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.herald.core.dkim.DkimVerification;
import org.herald.core.spf.SpfOutcome;
import org.herald.core.spf.SpfResult;

/**
 * Evaluates DMARC for one message (RFC 7489 §6.6): discovers the From domain's policy, checks whether SPF or DKIM
 * passed for an aligned domain, and decides the disposition of a failure under pct= sampling and local overrides.
 *
 * <p>Order for a failing message: a local override (trusted forwarder, mailing list) sets the disposition to none;
 * otherwise the requested policy applies to the pct= share of failures, drawn from {@code pctSource}, and the rest
 * get the next-lower policy (§6.6.4). Without a policy, or when DNS fails or the record is broken, nothing is applied:
 * a DNS outage never makes Herald reject mail.
 *
 * <p>{@code pctSource} is shared by every SMTP session: give it a thread-safe generator such as {@link java.util.Random}
 * (tests give a seeded one).
 */
public final class DmarcEvaluator {
    private final DmarcRecordDiscovery discovery;
    private final OrganizationalDomains organizationalDomains;
    private final RandomGenerator pctSource;
    private final DmarcOverrides overrides;

    public DmarcEvaluator(DmarcRecordDiscovery discovery, OrganizationalDomains organizationalDomains,
                          RandomGenerator pctSource, DmarcOverrides overrides) {
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.organizationalDomains = Objects.requireNonNull(organizationalDomains, "organizationalDomains");
        this.pctSource = Objects.requireNonNull(pctSource, "pctSource");
        this.overrides = Objects.requireNonNull(overrides, "overrides");
    }

    public DmarcEvaluation evaluate(DmarcInput input) {
        if (input.headerFromDomain().isBlank()) {
            return DmarcEvaluation.noFromDomain();
        }
        String from;
        try {
            from = OrganizationalDomains.canonical(input.headerFromDomain());
        } catch (IllegalArgumentException e) {
            return DmarcEvaluation.withoutPolicy(DmarcResult.PERMERROR, "",
                "the From domain is unusable: " + e.getMessage());
        }
        DmarcPolicyLookup lookup = discovery.discover(from);
        if (lookup instanceof DmarcPolicyLookup.None none) {
            return DmarcEvaluation.withoutPolicy(DmarcResult.NONE, from, none.detail());
        }
        if (lookup instanceof DmarcPolicyLookup.TempError error) {
            return DmarcEvaluation.withoutPolicy(DmarcResult.TEMPERROR, from, error.detail());
        }
        if (lookup instanceof DmarcPolicyLookup.PermError error) {
            return DmarcEvaluation.withoutPolicy(DmarcResult.PERMERROR, from, error.detail());
        }
        DmarcPolicyLookup.Found found = (DmarcPolicyLookup.Found) lookup;
        return evaluate(input, from, found);
    }

    private DmarcEvaluation evaluate(DmarcInput input, String from, DmarcPolicyLookup.Found found) {
        DmarcRecord record = found.record();
        DmarcPublishedPolicy published = DmarcPublishedPolicy.of(found.policyDomain(), record);
        DmarcPolicy requested = found.requestedPolicy();
        Optional<String> dkimAligned = input.dkim().stream()
            .filter(DkimVerification::passed)
            .map(DkimVerification::domain)
            .filter(domain -> record.adkim().aligns(from, domain, organizationalDomains))
            .findFirst()
            .map(OrganizationalDomains::canonical);
        boolean spfAligned = input.spf()
            .filter(spf -> spf.result() == SpfResult.PASS)
            .map(SpfOutcome::domain)
            .filter(domain -> record.aspf().aligns(from, domain, organizationalDomains))
            .isPresent();
        String policyText = "p=" + requested.tag() + (found.inherited() ? " inherited from _dmarc." + found.policyDomain() : "");
        if (dkimAligned.isPresent() || spfAligned) {
            String how = dkimAligned.map(domain -> "DKIM d=" + domain).orElse("SPF") + " aligned with " + from;
            return new DmarcEvaluation(DmarcResult.PASS, from, Optional.of(published), Optional.of(requested), dkimAligned,
                spfAligned, DmarcPolicy.NONE, false, Optional.empty(), how + " (" + policyText + ")");
        }
        String failure = "neither SPF nor DKIM passed aligned with " + from + " (" + policyText + ")";
        if (requested == DmarcPolicy.NONE) {
            return failed(from, published, requested, DmarcPolicy.NONE, false, Optional.empty(), failure);
        }
        Optional<DmarcOverrideReason> override = overrides.match(input);
        if (override.isPresent()) {
            return failed(from, published, requested, DmarcPolicy.NONE, false, override,
                failure + "; overridden: " + override.get().comment());
        }
        if (!sampled(record.pct())) {
            DmarcPolicy lowered = requested.nextLower();
            return failed(from, published, requested, lowered, true, Optional.empty(),
                failure + "; outside the pct=" + record.pct() + " sample, " + lowered.tag() + " applied");
        }
        return failed(from, published, requested, requested, false, Optional.empty(), failure);
    }

    private static DmarcEvaluation failed(String from, DmarcPublishedPolicy published, DmarcPolicy requested,
                                          DmarcPolicy disposition, boolean sampledOut,
                                          Optional<DmarcOverrideReason> override, String detail) {
        return new DmarcEvaluation(DmarcResult.FAIL, from, Optional.of(published), Optional.of(requested), Optional.empty(),
            false, disposition, sampledOut, override, detail);
    }

    /** Whether a failing message falls in the pct= share the policy applies to. */
    private boolean sampled(int pct) {
        if (pct >= 100) {
            return true;
        }
        if (pct <= 0) {
            return false;
        }
        return pctSource.nextInt(100) < pct;
    }
}
