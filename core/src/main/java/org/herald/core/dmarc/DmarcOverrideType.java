package org.herald.core.dmarc;

import java.util.Locale;

/**
 * Why a receiver applied a disposition other than the published policy: RFC 7489 Appendix C's PolicyOverrideType,
 * reported in {@code <policy_evaluated><reason><type>} so the domain owner sees why failing mail was delivered.
 */
public enum DmarcOverrideType {
    FORWARDED,
    /** The mail fell outside the pct= sample and got the next-lower policy (§6.6.4). */
    SAMPLED_OUT,
    TRUSTED_FORWARDER,
    MAILING_LIST,
    LOCAL_POLICY,
    OTHER;

    /** The value in reports: "forwarded", "sampled_out", "trusted_forwarder", … */
    public String reportValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
