package org.herald.core.warmup.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A feedback report (ARF, RFC 5965): a mailbox provider telling the sender about one mail, usually because a
 * recipient marked it as spam.
 *
 * @param feedbackType      the kind of report
 * @param feedbackTypeValue {@code Feedback-Type} as written, lower case (an unregistered type is kept here while
 *                          {@code feedbackType} is {@link FeedbackType#OTHER})
 * @param userAgent         the software that wrote the report ({@code User-Agent}); required by RFC 5965, often
 *                          missing from older generators, so optional here
 * @param version           {@code Version}: "1" per RFC 5965, "0.1" from generators that predate it
 * @param originalMailFrom  the envelope sender of the reported mail ({@code Original-Mail-From}), without angle
 *                          brackets; absent for the null sender
 * @param arrivalDate       when the reported mail arrived ({@code Arrival-Date}, or the pre-RFC {@code Received-Date})
 *                          when it can be read
 * @param sourceIp          the IP address the reported mail came from ({@code Source-IP}), as written
 * @param reportedDomains   {@code Reported-Domain} values, canonical, in order
 * @param originalMessageId the reported mail's Message-ID in {@link MessageIds#canonical canonical} form, from the
 *                          returned message or header part
 * @param recipients        who complained: {@code Original-Rcpt-To}; when absent, Microsoft's
 *                          {@code X-HmXmrOriginalRecipient}; when absent too, the returned message's {@code To}. Often
 *                          redacted: see {@link ReportedRecipient}
 */
public record FeedbackReport(FeedbackType feedbackType, String feedbackTypeValue, Optional<String> userAgent,
                             Optional<String> version, Optional<String> originalMailFrom, Optional<Instant> arrivalDate,
                             Optional<String> sourceIp, List<String> reportedDomains,
                             Optional<String> originalMessageId, List<ReportedRecipient> recipients) {
    public FeedbackReport {
        Objects.requireNonNull(feedbackType, "feedbackType");
        Objects.requireNonNull(feedbackTypeValue, "feedbackTypeValue");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(originalMailFrom, "originalMailFrom");
        Objects.requireNonNull(arrivalDate, "arrivalDate");
        Objects.requireNonNull(sourceIp, "sourceIp");
        reportedDomains = List.copyOf(reportedDomains);
        Objects.requireNonNull(originalMessageId, "originalMessageId");
        recipients = List.copyOf(recipients);
    }

    /** Whether this report counts towards the complaint rate (see {@link FeedbackType}). */
    public boolean isComplaint() {
        return feedbackType.isComplaint();
    }
}
