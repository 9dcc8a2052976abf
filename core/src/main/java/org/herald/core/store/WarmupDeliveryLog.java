package org.herald.core.store;

import java.time.Instant;
import java.util.List;

import org.herald.core.warmup.WarmupDelivery;

/**
 * Which identity sent which message to which provider, kept a few days so that a DSN or a complaint arriving later,
 * which quotes the original Message-ID, is counted against the identity and provider that sent it.
 */
public interface WarmupDeliveryLog {
    /** Records a delivery; recording the same message, identity and provider again changes nothing. */
    void record(WarmupDelivery delivery);

    List<WarmupDelivery> deliveriesOf(String messageId);

    int deleteBefore(Instant cutoff);
}
