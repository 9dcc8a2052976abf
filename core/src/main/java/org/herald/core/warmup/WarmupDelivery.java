package org.herald.core.warmup;

import java.time.Instant;
import java.util.Objects;

/** One message delivered by an identity to a provider's recipients (the Message-ID as in the header, brackets included). */
public record WarmupDelivery(String messageId, String identity, String provider, Instant at) {
    public WarmupDelivery {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(at, "at");
    }
}
