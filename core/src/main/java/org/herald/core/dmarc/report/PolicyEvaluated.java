package org.herald.core.dmarc.report;

import java.util.List;
import java.util.Objects;

import org.herald.core.dmarc.DmarcPolicy;

/**
 * What the receiver did with the messages of a row ({@code <policy_evaluated>}): the disposition applied, and whether
 * DKIM and SPF passed <em>aligned</em>. DMARCbis adds a "pass" disposition (no action, DMARC passed); it reads as
 * {@link DmarcPolicy#NONE}, which is the action taken, and keeps RFC 7489's three values for the writer.
 */
public record PolicyEvaluated(DmarcPolicy disposition, DmarcResult dkim, DmarcResult spf,
                              List<PolicyOverrideReason> reasons) {
    public PolicyEvaluated {
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(dkim, "dkim");
        Objects.requireNonNull(spf, "spf");
        reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons"));
    }

    /** DMARC passes when either mechanism passed aligned (RFC 7489 §4.2). */
    public boolean dmarcPass() {
        return dkim == DmarcResult.PASS || spf == DmarcResult.PASS;
    }
}
