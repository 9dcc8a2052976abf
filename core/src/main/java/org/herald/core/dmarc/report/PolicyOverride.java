package org.herald.core.dmarc.report;

import java.util.Locale;
import java.util.Optional;

/**
 * Why a receiver applied another disposition than the published policy asked for (the {@code <reason><type>} of
 * Appendix C). {@link #POLICY_TEST_MODE} comes from DMARCbis ({@code t=y}); DMARCbis also dropped forwarded and
 * sampled_out, which RFC 7489 reports still carry.
 */
public enum PolicyOverride {
    FORWARDED,
    SAMPLED_OUT,
    TRUSTED_FORWARDER,
    MAILING_LIST,
    LOCAL_POLICY,
    OTHER,
    POLICY_TEST_MODE;

    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Case-insensitive, hyphens or underscores. */
    public static Optional<PolicyOverride> fromToken(String token) {
        String wanted = token.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (PolicyOverride override : values()) {
            if (override.token().equals(wanted)) {
                return Optional.of(override);
            }
        }
        return Optional.empty();
    }
}
