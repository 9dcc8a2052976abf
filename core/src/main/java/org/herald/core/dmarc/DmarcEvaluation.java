package org.herald.core.dmarc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The DMARC verdict on one message and what Herald does about it.
 *
 * @param result            pass, fail, none, temperror or permerror
 * @param headerFromDomain  the From domain evaluated (ASCII, lower case); "" for {@link #noFromDomain()}
 * @param publishedPolicy   the record that governs the From domain; empty unless one was found
 * @param requestedPolicy   what that record asks for this From domain: p=, or sp= (falling back to p=) when inherited
 *                          from the organisational domain; empty unless a record was found
 * @param dkimAlignedDomain the d= of the first passing DKIM signature aligned with the From domain
 * @param spfAligned        whether SPF passed for a MAIL FROM (or HELO) domain aligned with the From domain
 * @param disposition       what to do with the message: none for pass, none/temperror/permerror results, and
 *                          overridden or sampled-out failures; otherwise the requested policy
 * @param sampledOut        true when the failure fell outside the pct= sample and the policy was lowered one step
 *                          (RFC 7489 §6.6.4)
 * @param override          the local override that set the disposition to none, if any
 * @param detail            a sentence for the log: why this result
 */
public record DmarcEvaluation(DmarcResult result, String headerFromDomain, Optional<DmarcPublishedPolicy> publishedPolicy,
                              Optional<DmarcPolicy> requestedPolicy, Optional<String> dkimAlignedDomain,
                              boolean spfAligned, DmarcPolicy disposition, boolean sampledOut,
                              Optional<DmarcOverrideReason> override, String detail) {
    public DmarcEvaluation {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(headerFromDomain, "headerFromDomain");
        Objects.requireNonNull(publishedPolicy, "publishedPolicy");
        Objects.requireNonNull(requestedPolicy, "requestedPolicy");
        Objects.requireNonNull(dkimAlignedDomain, "dkimAlignedDomain");
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(override, "override");
        Objects.requireNonNull(detail, "detail");
        if (publishedPolicy.isPresent() != requestedPolicy.isPresent()) {
            throw new IllegalArgumentException("a requested policy comes with a published policy, and only with one");
        }
    }

    /**
     * The evaluation of a message without exactly one From domain (no From, or several addresses in different
     * domains): permerror, nothing applied. Whether to reject such a message is the caller's local policy.
     */
    public static DmarcEvaluation noFromDomain() {
        return withoutPolicy(DmarcResult.PERMERROR, "", "the message has no single RFC5322.From domain");
    }

    /** An evaluation that found no usable policy: none, temperror or permerror, disposition none. */
    static DmarcEvaluation withoutPolicy(DmarcResult result, String headerFromDomain, String detail) {
        return new DmarcEvaluation(result, headerFromDomain, Optional.empty(), Optional.empty(), Optional.empty(), false,
            DmarcPolicy.NONE, false, Optional.empty(), detail);
    }

    public boolean dkimAligned() {
        return dkimAlignedDomain.isPresent();
    }

    /** The reasons an aggregate report gives for the disposition: sampled_out and/or the override. */
    public List<DmarcOverrideReason> reportedReasons() {
        List<DmarcOverrideReason> reasons = new ArrayList<>();
        if (sampledOut) {
            reasons.add(new DmarcOverrideReason(DmarcOverrideType.SAMPLED_OUT,
                "outside the pct=" + publishedPolicy.map(DmarcPublishedPolicy::pct).orElse(100) + " sample"));
        }
        override.ifPresent(reasons::add);
        return List.copyOf(reasons);
    }

    /**
     * The {@code dmarc=} result for Authentication-Results (RFC 8601 §2.7.1, with the policy comment large receivers
     * write), e.g. {@code dmarc=fail (p=reject dis=reject) header.from=example.com}. The comment names sp= when the
     * From domain inherited it, and the override or sampling that lowered the disposition.
     */
    public String authResultsValue() {
        StringBuilder value = new StringBuilder("dmarc=").append(result.authResultsValue());
        if (headerFromDomain.isEmpty()) {
            return value.append(" reason=\"").append(detail.replace("\"", "'")).append('"').toString();
        }
        publishedPolicy.ifPresent(published -> {
            value.append(" (p=").append(published.p().tag());
            boolean inherited = !published.domain().equals(headerFromDomain);
            if (inherited && published.sp().isPresent()) {
                value.append(" sp=").append(published.sp().get().tag());
            }
            value.append(" dis=").append(disposition.tag());
            if (sampledOut) {
                value.append(" pct=").append(published.pct()).append(" sampled_out");
            }
            override.ifPresent(reason -> value.append(" override=").append(reason.type().reportValue()));
            value.append(')');
        });
        return value.append(" header.from=").append(headerFromDomain).toString();
    }
}
