package org.herald.core.dmarc.report;

import java.util.Objects;
import java.util.Optional;

/**
 * One raw SPF result ({@code <auth_results><spf>}). {@code domain} is blank when the reporter left it empty (a null
 * reverse-path with no HELO fallback), never null.
 */
public record SpfAuthResult(String domain, Optional<SpfScope> scope, SpfResult result) {
    public SpfAuthResult {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(result, "result");
    }
}
