package org.herald.core.warmup.feedback;

import java.util.Objects;
import java.util.Optional;

/**
 * One recipient's fields in a delivery status notification (RFC 3464 §2.3).
 *
 * @param finalRecipient    the address the reporting MTA tried ({@code Final-Recipient}), without its
 *                          {@code rfc822;} type
 * @param originalRecipient the address as the sender gave it ({@code Original-Recipient}), when reported
 * @param action            what the reporting MTA did
 * @param status            the enhanced status code: the {@code Status} field's, or when that is missing or unreadable,
 *                          the one in {@code Diagnostic-Code} ({@code smtp; 550 5.1.1 user unknown} → 5.1.1), or
 *                          {@code X.0.0} from a bare SMTP reply code there ({@code smtp; 550 no such user} → 5.0.0)
 * @param diagnosticCode    {@code Diagnostic-Code} as given ({@code smtp; 550 5.1.1 …}), unfolded, whitespace runs
 *                          collapsed to one space
 */
public record DeliveryStatusRecipient(Optional<String> finalRecipient, Optional<String> originalRecipient,
                                      DeliveryAction action, Optional<EnhancedStatusCode> status,
                                      Optional<String> diagnosticCode) {
    public DeliveryStatusRecipient {
        Objects.requireNonNull(finalRecipient, "finalRecipient");
        Objects.requireNonNull(originalRecipient, "originalRecipient");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(diagnosticCode, "diagnosticCode");
    }

    /**
     * A hard bounce, the kind that counts against the sender's reputation: the reporting MTA gave up
     * ({@link DeliveryAction#FAILED}) with a permanent (5.x.x) status. A failure with a 4.x.x status (a mail that
     * expired in a queue after temporary errors) and a failure without any status are not hard bounces.
     */
    public boolean isHardBounce() {
        return action == DeliveryAction.FAILED && status.map(EnhancedStatusCode::isPermanentFailure).orElse(false);
    }

    /** The recipient's address: the final one, or the original one when only that was reported. */
    public Optional<String> recipient() {
        return finalRecipient.or(() -> originalRecipient);
    }

    /** The canonical domain of {@link #recipient()}, which gives the destination provider. */
    public Optional<String> recipientDomain() {
        return recipient().flatMap(MailAddresses::domainOf);
    }
}
