package org.herald.core.dmarc.report;

import java.util.Locale;
import java.util.Optional;

/** The DMARC-aligned outcome of one mechanism in {@code <policy_evaluated>}: did DKIM (or SPF) pass <em>and</em> align. */
public enum DmarcResult {
    PASS,
    FAIL;

    /** "pass" or "fail", as the Appendix C schema spells it. */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Case-insensitive, because reporters write "Pass" and "FAIL" too. */
    public static Optional<DmarcResult> fromToken(String token) {
        String wanted = token.trim();
        for (DmarcResult result : values()) {
            if (result.token().equalsIgnoreCase(wanted)) {
                return Optional.of(result);
            }
        }
        return Optional.empty();
    }
}
