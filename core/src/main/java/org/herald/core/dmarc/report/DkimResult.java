package org.herald.core.dmarc.report;

import java.util.Locale;
import java.util.Optional;

/** A raw DKIM verification result in {@code <auth_results>} (RFC 8601 §2.7.1), not yet interpreted by DMARC. */
public enum DkimResult {
    NONE,
    PASS,
    FAIL,
    POLICY,
    NEUTRAL,
    TEMPERROR,
    PERMERROR;

    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Case-insensitive. "temp-error"/"perm-error" spellings and the pre-RFC 7001 "unknown"/"error" (which older
     * generators still emit, as the Appendix C comments note for SPF) are read as temperror/permerror.
     */
    public static Optional<DkimResult> fromToken(String token) {
        String wanted = token.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        switch (wanted) {
            case "unknown":
                return Optional.of(TEMPERROR);
            case "error":
                return Optional.of(PERMERROR);
            default:
                break;
        }
        for (DkimResult result : values()) {
            if (result.token().equals(wanted)) {
                return Optional.of(result);
            }
        }
        return Optional.empty();
    }
}
