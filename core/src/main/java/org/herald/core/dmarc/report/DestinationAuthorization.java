package org.herald.core.dmarc.report;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether Herald may send a domain's aggregate reports to a rua address, per RFC 7489 §7.1, and why. The reason is
 * meant for the "sent/skipped and why" list an operator reads.
 *
 * @param verdict       the outcome
 * @param queriedName   the {@code <policy-domain>._report._dmarc.<rua-domain>} name looked up, when one was
 * @param record        the authorising TXT record, when one was found (it may carry rua= overrides, §7.1 step 5)
 * @param reason        a sentence saying why
 */
public record DestinationAuthorization(Verdict verdict, Optional<String> queriedName, Optional<String> record,
                                       String reason) {
    public DestinationAuthorization {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(queriedName, "queriedName");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(reason, "reason");
    }

    public enum Verdict {
        /** The rua domain is in the policy domain's organisational domain: no authorisation needed. */
        SAME_ORGANISATION,
        /** Another organisation, which published {@code v=DMARC1} at the authorisation name. */
        AUTHORISED_BY_RECORD,
        /** Another organisation without an authorisation record: the address must be ignored. */
        NOT_AUTHORISED,
        /** DNS did not answer; nothing is known, so nothing is sent now, but a later attempt may succeed. */
        LOOKUP_FAILED
    }

    /** True when reports may go to the address now. */
    public boolean authorised() {
        return verdict == Verdict.SAME_ORGANISATION || verdict == Verdict.AUTHORISED_BY_RECORD;
    }

    /** True when the answer may change by itself: DNS failed rather than said no. */
    public boolean retryLater() {
        return verdict == Verdict.LOOKUP_FAILED;
    }
}
