package org.herald.core.spf;

import java.util.Locale;

/** RFC 7208 §2.6 results. */
public enum SpfResult {
    PASS, FAIL, SOFTFAIL, NEUTRAL, NONE, TEMPERROR, PERMERROR;

    /** The value in Authentication-Results (RFC 8601): "pass", "softfail", … */
    public String authResultsValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SpfResult fromJspf(String result) {
        return switch (result == null ? "" : result.toLowerCase(Locale.ROOT)) {
            case "pass" -> PASS;
            case "fail" -> FAIL;
            case "softfail" -> SOFTFAIL;
            case "neutral" -> NEUTRAL;
            case "none" -> NONE;
            case "permerror" -> PERMERROR;
            default -> TEMPERROR;
        };
    }
}
