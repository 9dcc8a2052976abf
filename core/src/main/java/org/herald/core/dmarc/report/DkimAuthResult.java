package org.herald.core.dmarc.report;

import java.util.Objects;
import java.util.Optional;

/**
 * One DKIM signature's raw result ({@code <auth_results><dkim>}). {@code domain} is the d= value; it is blank when the
 * reporter left it empty (seen with result "none"), never null.
 */
public record DkimAuthResult(String domain, Optional<String> selector, DkimResult result, Optional<String> humanResult) {
    public DkimAuthResult {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(humanResult, "humanResult");
    }
}
