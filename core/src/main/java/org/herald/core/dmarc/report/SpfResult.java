package org.herald.core.dmarc.report;

import java.util.Locale;
import java.util.Optional;

/**
 * A raw SPF result in {@code <auth_results>} (RFC 7208 §2.6). {@link #POLICY} exists only in the DMARCbis schema
 * (RFC 8601 §2.7.2); it is kept so such reports are not refused, though RFC 7489's schema has no such value.
 */
public enum SpfResult {
    NONE,
    NEUTRAL,
    PASS,
    FAIL,
    SOFTFAIL,
    TEMPERROR,
    PERMERROR,
    POLICY;

    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Case-insensitive. The Appendix C schema itself notes that temperror is "commonly implemented as unknown" and
     * permerror as "error"; "hardfail" is read as fail.
     */
    public static Optional<SpfResult> fromToken(String token) {
        String wanted = token.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        switch (wanted) {
            case "unknown":
                return Optional.of(TEMPERROR);
            case "error":
                return Optional.of(PERMERROR);
            case "hardfail":
                return Optional.of(FAIL);
            default:
                break;
        }
        for (SpfResult result : values()) {
            if (result.token().equals(wanted)) {
                return Optional.of(result);
            }
        }
        return Optional.empty();
    }
}
