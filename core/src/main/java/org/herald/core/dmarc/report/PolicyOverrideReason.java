package org.herald.core.dmarc.report;

import java.util.Objects;
import java.util.Optional;

/** One {@code <reason>} in {@code <policy_evaluated>}: why the disposition differs from the published policy. */
public record PolicyOverrideReason(PolicyOverride type, Optional<String> comment) {
    public PolicyOverrideReason {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(comment, "comment");
    }
}
