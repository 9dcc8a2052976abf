package org.herald.core.outbound;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to do with a mail after a delivery attempt: recipients done, recipients to bounce (each with its reason), and
 * the recipients to try again at {@code retryAt}.
 */
public record DeliveryDecision(List<RecipientResult> delivered, List<RecipientResult> bounced,
                               List<RecipientResult> retried, Optional<Instant> retryAt) {
    public DeliveryDecision {
        delivered = List.copyOf(delivered);
        bounced = List.copyOf(bounced);
        retried = List.copyOf(retried);
        Objects.requireNonNull(retryAt);
        if (retried.isEmpty() != retryAt.isEmpty()) {
            throw new IllegalArgumentException("a retry time goes with recipients to retry, and only with them");
        }
    }

    public boolean needsRetry() {
        return !retried.isEmpty();
    }

    public boolean needsBounce() {
        return !bounced.isEmpty();
    }
}
