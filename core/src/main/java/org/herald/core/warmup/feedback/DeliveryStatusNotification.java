package org.herald.core.warmup.feedback;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A delivery status notification (RFC 3464): a bounce or delay report about a mail Herald relayed.
 *
 * @param originalMessageId  the Message-ID of the mail it reports on, in {@link MessageIds#canonical canonical} form:
 *                           from the returned message or header part, or, when the DSN returned none, from the
 *                           {@code X-Original-Message-ID} field Gmail adds to the per-message fields
 * @param recipients         one entry per recipient group, in order; never empty
 * @param reportingMta       the name of the MTA that wrote the report ({@code Reporting-MTA: dns; mx.example.net} →
 *                           {@code mx.example.net})
 * @param originalEnvelopeId the {@code Original-Envelope-Id} (the ENVID Herald may have given in MAIL FROM, RFC 3461),
 *                           the one identifier a DSN is obliged to carry back unchanged
 */
public record DeliveryStatusNotification(Optional<String> originalMessageId, List<DeliveryStatusRecipient> recipients,
                                         Optional<String> reportingMta, Optional<String> originalEnvelopeId) {
    public DeliveryStatusNotification {
        Objects.requireNonNull(originalMessageId, "originalMessageId");
        Objects.requireNonNull(originalEnvelopeId, "originalEnvelopeId");
        Objects.requireNonNull(reportingMta, "reportingMta");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a delivery status notification reports on at least one recipient");
        }
    }

    /** The recipients that hard-bounced (see {@link DeliveryStatusRecipient#isHardBounce()}). */
    public List<DeliveryStatusRecipient> hardBounces() {
        return recipients.stream().filter(DeliveryStatusRecipient::isHardBounce).toList();
    }
}
