package org.herald.core.warmup.feedback;

/** Where a feedback report named the recipient who complained, best source first. */
public enum RecipientSource {
    /** The report's {@code Original-Rcpt-To} field (RFC 5965 §3.2): the envelope recipient. */
    ORIGINAL_RCPT_TO,
    /**
     * {@code X-HmXmrOriginalRecipient} in the returned message's header: Microsoft's JMRP often omits every standard
     * recipient field and names the complaining recipient only there.
     */
    ORIGINAL_RECIPIENT_HEADER,
    /** The returned message's {@code To} header: who the message said it was for, not necessarily the complainer. */
    TO_HEADER
}
